"use client";

import Link from "next/link";
import { useEffect, useSyncExternalStore } from "react";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";

/** A page that failed to render: the reader's language (from the layout's <html lang>), no details, a retry. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const lang = useSyncExternalStore(
    () => () => {},
    () => document.documentElement.lang,
    () => "en",
  );
  const locale: Locale = isLocale(lang) ? lang : "en";
  const t = MESSAGES[locale];
  useEffect(() => {
    document.title = t.errorPageTitle;
  }, [t]);
  return (
    <section className="notice bad" role="alert" data-testid="error-page">
      <h1>{t.errorPageTitle}</h1>
      <p>{t.errorPageBody}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={reset}>
          {t.errorPageRetry}
        </button>
        <Link href="/pricing">{t.notFoundHome}</Link>
      </div>
    </section>
  );
}
