import type { ReactNode } from "react";
import Link from "next/link";
import { cancelSubscriptionAction, completePaymentAction, resumeSubscriptionAction } from "@/app/account/actions";
import { fixPath } from "@/lib/billing/fix-path";
import { formatMoney } from "@/lib/catalogue/money";
import type { MandateConsent, Subscription, SubscriptionPayment } from "@/lib/db/models";
import { formatDate } from "@/lib/i18n/dates";
import { failureMessage } from "@/lib/i18n/error-message";
import type { Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import { methodName, type PaymentMethodKind } from "@/lib/mandate/wallets";
import { ChargeList } from "./charge-list";
import { ConfirmPanel } from "./confirm-panel";

const CANCELABLE = new Set(["active", "trialing", "past_due", "incomplete", "unpaid"]);
const OWING = new Set(["past_due", "incomplete", "unpaid"]);

interface Props {
  subscription: Subscription & { consent: MandateConsent; payments: SubscriptionPayment[] };
  /** The method that pays it now (a replacement, else the one subscribed with). */
  paidWith: PaymentMethodKind;
  /** The pending card setup to finish, when Stripe still needs the customer. */
  pendingSetup: ReactNode;
  /** A cancellation the customer asked for and must confirm. */
  confirming: "now" | "period_end" | null;
  t: Messages;
  locale: Locale;
}

/** One subscription as it stands: what is owed and how to settle it, or when it renews; its charges; its controls. */
export function SubscriptionCard({ subscription, paidWith, pendingSetup, confirming, t, locale }: Props) {
  const method = methodName(paidWith, locale);
  const status = t[`status_${subscription.status}` as keyof Messages] ?? subscription.status;
  const price = formatMoney(subscription.unitAmount, subscription.currency, locale);
  const trialing = subscription.status === "trialing" && subscription.trialEnd;
  const owing = OWING.has(subscription.status);
  const unpaid = subscription.payments.find((p) => p.status === "open");
  // A first payment still waiting in the wallet (no failure yet): continue the same PaymentIntent.
  const awaitingWallet = subscription.status === "incomplete" && unpaid && !unpaid.failureCode;
  const here = `/account?subscription=${encodeURIComponent(subscription.id)}`;
  return (
    <article
      className="card"
      id={`subscription-${subscription.stripeSubscriptionId}`}
      data-testid="subscription"
      data-status={subscription.status}
      data-cancel-at-period-end={subscription.cancelAtPeriodEnd}
    >
      <h3>
        <span className="nowrap">
          {price} {t.perMonth}
        </span>{" "}
        · {method}
      </h3>
      {owing && (
        <div className="notice bad" data-testid="owing">
          {awaitingWallet ? (
            <p>{t.incompleteNotice}</p>
          ) : (
            <>
              <p>
                {unpaid
                  ? format(t.pastDueWhat, {
                      amount: formatMoney(unpaid.amountDue, unpaid.currency, locale),
                      date: formatDate(unpaid.invoiceCreated, locale),
                    })
                  : t.pastDueNotice}
              </p>
              {unpaid && (
                <p>
                  <strong>{t.failedBecause}:</strong> {failureMessage(unpaid.failureCode, t)}
                </p>
              )}
            </>
          )}
          <div className="actions">
            {awaitingWallet && (
              <form action={completePaymentAction}>
                <input type="hidden" name="subscription" value={subscription.id} />
                <button type="submit" className="primary">
                  {t.completePayment}
                </button>
              </form>
            )}
            <Link className={awaitingWallet ? undefined : "primary"} href={fixPath(subscription.id)}>
              {awaitingWallet ? t.fixTitle : t.fixAction}
            </Link>
          </div>
        </div>
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
        {subscription.currentPeriodEnd && subscription.status !== "canceled" && !owing && (
          <>
            <dt>{subscription.cancelAtPeriodEnd ? t.endsOn : t.nextCharge}</dt>
            <dd data-testid="next-charge">
              {formatDate(subscription.currentPeriodEnd, locale)}
              {!subscription.cancelAtPeriodEnd && (
                <>
                  {" · "}
                  <span className="nowrap">{price}</span>
                </>
              )}
            </dd>
          </>
        )}
        <dt>{t.reference}</dt>
        <dd className="id">{subscription.stripeSubscriptionId}</dd>
      </dl>
      {pendingSetup}
      {subscription.payments.length > 0 && <ChargeList payments={subscription.payments} t={t} locale={locale} />}
      {confirming && (
        <ConfirmPanel
          t={t}
          body={
            confirming === "now"
              ? t.confirmCancelNowBody
              : format(t.confirmCancelPeriodEndBody, {
                  date: subscription.currentPeriodEnd ? formatDate(subscription.currentPeriodEnd, locale) : "",
                })
          }
          action={cancelSubscriptionAction}
          fields={{ subscription: subscription.id, mode: confirming, confirmed: "yes" }}
          confirmLabel={confirming === "now" ? t.confirmCancelNow : t.confirmCancelPeriodEnd}
        />
      )}
      {!confirming && CANCELABLE.has(subscription.status) && (
        <div className="actions">
          {subscription.cancelAtPeriodEnd ? (
            <form action={resumeSubscriptionAction}>
              <input type="hidden" name="subscription" value={subscription.id} />
              <button type="submit">{t.resumeSubscription}</button>
            </form>
          ) : (
            <>
              {!owing && <Link href={fixPath(subscription.id)}>{t.replaceAction}</Link>}
              <Link href={`${here}&confirm=period_end`} className="button">
                {t.cancelAtPeriodEnd}
              </Link>
            </>
          )}
          <Link href={`${here}&confirm=now`} className="button">
            {t.cancelNow}
          </Link>
        </div>
      )}
    </article>
  );
}
