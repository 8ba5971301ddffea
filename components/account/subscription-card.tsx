import type { ReactNode } from "react";
import { cancelSubscriptionAction } from "@/app/account/actions";
import { formatMoney } from "@/lib/catalogue/money";
import type { MandateConsent, Subscription, SubscriptionPayment } from "@/lib/db/models";
import { formatDate } from "@/lib/i18n/dates";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { methodName, type PaymentMethodKind } from "@/lib/mandate/wallets";

const CANCELABLE = new Set(["active", "trialing", "past_due", "incomplete", "unpaid"]);

interface Props {
  subscription: Subscription & { consent: MandateConsent; payments: SubscriptionPayment[] };
  /** The pending card setup to finish, when Stripe still needs the customer. */
  pendingSetup: ReactNode;
  t: Messages;
  locale: Locale;
}

export function SubscriptionCard({ subscription, pendingSetup, t, locale }: Props) {
  const method = methodName(subscription.consent.paymentMethodType as PaymentMethodKind, locale);
  const status = t[`status_${subscription.status}` as keyof Messages] ?? subscription.status;
  const price = formatMoney(subscription.unitAmount, subscription.currency, locale);
  const trialing = subscription.status === "trialing" && subscription.trialEnd;
  return (
    <article
      className="card"
      id={`subscription-${subscription.stripeSubscriptionId}`}
      data-testid="subscription"
      data-status={subscription.status}
      data-cancel-at-period-end={subscription.cancelAtPeriodEnd}
    >
      <h3>
        {price} {t.perMonth} · {method}
      </h3>
      {subscription.status === "past_due" && (
        <p className="notice bad" role="alert">
          {t.pastDueNotice}
        </p>
      )}
      <dl className="facts">
        <dt>{t.statusLabel}</dt>
        <dd>{status}</dd>
        {trialing && (
          <>
            <dt>{t.trialEnds}</dt>
            <dd>{formatDate(subscription.trialEnd!, locale)}</dd>
          </>
        )}
        {subscription.currentPeriodEnd && subscription.status !== "canceled" && (
          <>
            <dt>{subscription.cancelAtPeriodEnd ? t.endsOn : t.nextCharge}</dt>
            <dd data-testid="next-charge">
              {formatDate(subscription.currentPeriodEnd, locale)}
              {!subscription.cancelAtPeriodEnd && ` · ${price}`}
            </dd>
          </>
        )}
        <dt>{t.reference}</dt>
        <dd>{subscription.stripeSubscriptionId}</dd>
      </dl>
      {pendingSetup}
      {subscription.payments.length > 0 && (
        <details open>
          <summary>{t.charges}</summary>
          <ul className="charges" data-testid="charges">
            {subscription.payments.map((payment) => (
              <li key={payment.id} data-status={payment.status} data-off-session={payment.offSession}>
                {formatDate(payment.invoiceCreated, locale)} ·{" "}
                {formatMoney(payment.amountDue, payment.currency, locale)} ·{" "}
                {t[`invoice_${payment.status}` as keyof Messages] ?? payment.status} ·{" "}
                {payment.offSession ? t.chargeRenewal : t.chargeFirst}
                {payment.failureMessage ? ` · ${payment.failureMessage}` : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
      {CANCELABLE.has(subscription.status) && (
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
