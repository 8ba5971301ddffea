import { cancelSubscriptionAction } from "@/app/account/actions";
import { formatMoney } from "@/lib/catalogue/money";
import type { MandateConsent, Subscription } from "@/lib/db/models";
import { formatDate } from "@/lib/i18n/dates";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { WALLET_NAMES, isWallet } from "@/lib/mandate/wallets";

const CANCELABLE = new Set(["active", "trialing", "past_due", "incomplete", "unpaid"]);

export function SubscriptionCard(props: { subscription: Subscription & { consent: MandateConsent }; t: Messages; locale: Locale }) {
  const { subscription, t, locale } = props;
  const wallet = subscription.consent.paymentMethodType;
  const status = t[`status_${subscription.status}` as keyof Messages] ?? subscription.status;
  const cancelable = CANCELABLE.has(subscription.status);
  return (
    <article className="card" data-testid="subscription" data-status={subscription.status} data-cancel-at-period-end={subscription.cancelAtPeriodEnd}>
      <h3>
        {formatMoney(subscription.unitAmount, subscription.currency, locale)} {t.perMonth} · {isWallet(wallet) ? WALLET_NAMES[wallet] : wallet}
      </h3>
      <dl className="facts">
        <dt>{t.statusLabel}</dt>
        <dd>{status}</dd>
        {subscription.currentPeriodEnd && subscription.status !== "canceled" && (
          <>
            <dt>{subscription.cancelAtPeriodEnd ? t.endsOn : t.nextCharge}</dt>
            <dd>
              {formatDate(subscription.currentPeriodEnd, locale)}
              {!subscription.cancelAtPeriodEnd && ` · ${formatMoney(subscription.unitAmount, subscription.currency, locale)}`}
            </dd>
          </>
        )}
        <dt>{t.reference}</dt>
        <dd>{subscription.stripeSubscriptionId}</dd>
      </dl>
      {cancelable && (
        <form action={cancelSubscriptionAction} className="actions">
          <input type="hidden" name="subscription" value={subscription.id} />
          {!subscription.cancelAtPeriodEnd && (
            <button type="submit" name="mode" value="period_end">
              {t.cancelAtPeriodEnd}
            </button>
          )}
          <button type="submit" name="mode" value="now">
            {t.cancelNow}
          </button>
        </form>
      )}
    </article>
  );
}
