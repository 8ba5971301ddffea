"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { isLocale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";

const noSubscription = () => () => {};

/** The page's language as the root layout rendered it (html lang). */
function usePageLocale() {
  const lang = useSyncExternalStore(
    noSubscription,
    () => document.documentElement.lang,
    () => "en",
  );
  return isLocale(lang) ? lang : "en";
}

/**
 * Whatever a page or an action throws (a form too large for the server among
 * others) ends here: our words in the reader's language, and ways on.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = MESSAGES[usePageLocale()];
  return (
    <section className="error-page" role="alert">
      <h1>{t.errorPageTitle}</h1>
      <p>{t.errorPageBody}</p>
      <p>
        <button type="button" onClick={reset}>
          {t.tryAgain}
        </button>{" "}
        <Link href="/">{t.appName}</Link>
      </p>
    </section>
  );
}
