import Link from "next/link";
import { requestMessages } from "@/lib/i18n/request-locale";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("titleHome");

export default async function HomePage() {
  const { t } = await requestMessages();
  return (
    <section>
      <h1>{t.appName}</h1>
      <p className="lead">{t.tagline}</p>
      <div className="cards">
        <Link href="/pricing" className="card">
          <h2>{t.pricingTitle}</h2>
          <p>{t.pricingIntro}</p>
        </Link>
        <Link href="/save" className="card">
          <h2>{t.homeSaveTitle}</h2>
          <p>{t.homeSaveBody}</p>
        </Link>
      </div>
    </section>
  );
}
