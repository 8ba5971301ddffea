import { formatTimestamp } from "@/lib/i18n/dates";
import type { Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";

/** Said above the plans when Stripe did not answer and the last known prices are shown. */
export function StaleCatalogueNote({ since, locale, t }: { since: Date | null; locale: Locale; t: Messages }) {
  if (!since) return null;
  return (
    <p className="notice" role="status" data-testid="catalogue-stale">
      {format(t.catalogueStale, { date: formatTimestamp(since, locale) })}
    </p>
  );
}
