import { randomUUID } from "node:crypto";
import Link from "next/link";
import { retryFirstPaymentAction } from "@/app/subscribe/actions";
import { FollowRedirect } from "@/components/follow-redirect";
import { RetryPaymentForm } from "@/components/retry-payment-form";
import type { FirstPaymentState } from "@/lib/billing/first-payment";
import { failureMessage } from "@/lib/i18n/error-message";
import { formatMoney } from "@/lib/catalogue/money";
import { formatDate } from "@/lib/i18n/dates";
import type { Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import type { BrowserStripeConfig } from "@/lib/stripe/browser";

export interface OutcomeProps {
  t: Messages;
  locale: Locale;
  stripe: BrowserStripeConfig;
  subscription: { id: string; status: string; currency: string; unitAmount: number; trialEnd?: Date | null };
  walletName: string;
  payment: FirstPaymentState;
}

/** Where a subscription stands after the wallet: active, one more redirect, failed, or being confirmed. */
export function SubscriptionOutcome({ t, locale, stripe, subscription, walletName, payment }: OutcomeProps) {
  const amount = formatMoney(subscription.unitAmount, subscription.currency, locale);
  const values = { amount, wallet: walletName };
  const testAttrs = {
    "data-testid": "subscription-result",
    "data-status": subscription.status,
    "data-payment": payment.kind,
  };
  if (subscription.status === "trialing" && subscription.trialEnd) {
    return (
      <div className="notice ok" {...testAttrs}>
        <h1>{t.setupDoneTitle}</h1>
        <p>{format(t.setupDoneBody, { amount, date: formatDate(subscription.trialEnd, locale) })}</p>
        <Link href="/account">{t.navAccount}</Link>
      </div>
    );
  }
  if (subscription.status === "active" || subscription.status === "trialing" || payment.kind === "paid") {
    return (
      <div className="notice ok" {...testAttrs}>
        <h1>{t.subActiveTitle}</h1>
        <p>{format(t.subActiveBody, values)}</p>
        <Link href="/account">{t.navAccount}</Link>
      </div>
    );
  }
  if (payment.kind === "redirect") {
    return (
      <div className="notice warn" {...testAttrs}>
        <h1>{t.subPaymentTitle}</h1>
        <p>{format(t.subPaymentBody, values)}</p>
        <FollowRedirect
          stripe={stripe}
          clientSecret={payment.clientSecret}
          redirectUrl={payment.redirectUrl}
          label={t.subPaymentContinue}
        />
      </div>
    );
  }
  if (payment.kind === "failed") {
    return (
      <div className="notice bad" role="alert" {...testAttrs}>
        <h1>{t.subPaymentFailedTitle}</h1>
        <p>{t.subPaymentFailedBody}</p>
        <p className="field-error">{failureMessage(payment.reason, t)}</p>
        <RetryPaymentForm
          action={retryFirstPaymentAction}
          subscriptionId={subscription.id}
          attemptId={randomUUID()}
          label={t.retryPayment}
          stripe={stripe}
        />
        <p>
          <Link href={`/account/subscriptions/${subscription.id}/fix`}>{t.fixTitle}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="notice warn" {...testAttrs}>
      <meta httpEquiv="refresh" content="2" />
      <h1>{t.subProcessingTitle}</h1>
      <p>{t.subProcessingBody}</p>
    </div>
  );
}
