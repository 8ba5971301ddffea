import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LocaleSwitch } from "@/components/locale-switch";
import { requestMessages } from "@/lib/i18n/request-locale";
import "./globals.css";

export const metadata: Metadata = {
  title: "Lumen Stock Photos",
  description: "Subscriptions paid with Amazon Pay, Kakao Pay and cards, with every mandate consent recorded.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await requestMessages();
  return (
    <html lang={locale}>
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            {t.appName}
          </Link>
          <nav>
            <Link href="/pricing">{t.navPricing}</Link>
            <Link href="/save">{t.navSaveWallet}</Link>
            <Link href="/account">{t.navAccount}</Link>
          </nav>
          <LocaleSwitch current={locale} label={t.language} />
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
