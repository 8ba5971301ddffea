import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LocaleSwitch } from "@/components/locale-switch";
import { requestMessages } from "@/lib/i18n/request-locale";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestMessages();
  return {
    title: { template: `%s · ${t.appName}`, default: t.appName },
    description: "Subscriptions paid with Amazon Pay, Kakao Pay and cards, with every mandate consent recorded.",
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "32x32" },
        { url: "/icon.svg", type: "image/svg+xml" },
        { url: "/icon-192.png", type: "image/png", sizes: "192x192" },
      ],
      apple: "/apple-touch-icon.png",
    },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await requestMessages();
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t.skipToContent}
        </a>
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
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
