import { advanceClockAction } from "@/app/account/actions";
import { formatTimestamp } from "@/lib/i18n/dates";
import type { Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";

/** Local/test mode: move this customer's Stripe test clock so trials end and renewals are charged. */
export function DevClock({ now, t, locale }: { now: Date; t: Messages; locale: Locale }) {
  return (
    <aside className="card dev" data-testid="dev-clock">
      <h3>{t.devClockTitle}</h3>
      <p>
        {t.devClockNow}: <span data-testid="clock-time">{formatTimestamp(now, locale)}</span>
      </p>
      <form action={advanceClockAction} className="actions">
        {[15, 31].map((days) => (
          <button key={days} type="submit" name="days" value={days}>
            {format(t.devAdvance, { days: String(days) })}
          </button>
        ))}
      </form>
    </aside>
  );
}
