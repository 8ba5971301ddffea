import { Refused, Unavailable } from "@/components/setup-result";
import { SubscriptionOutcome } from "@/components/subscription-outcome";
import { completeFirstPayment } from "@/lib/billing/payment-return";
import { findSubscriptionById } from "@/lib/db/subscriptions";
import { browserStripeConfig } from "@/lib/stripe/browser-config";
import { PaymentReturnQuery, type SearchParams } from "@/lib/http/return-query";
import { errorMessage } from "@/lib/i18n/error-message";
import { requestMessages } from "@/lib/i18n/request-locale";
import { WALLET_NAMES, isWallet } from "@/lib/mandate/wallets";
import { currentCustomerId } from "@/lib/session-cookie";
import { titled } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("titleResult");

/** Back from the wallet's payment page (Kakao Pay's second redirect, seed 002). */
export default async function PaymentReturnPage({ searchParams }: { searchParams: SearchParams }) {
  const { locale, t } = await requestMessages();
  const query = PaymentReturnQuery.safeParse(await searchParams);
  if (!query.success) return <Refused t={t} message={t.refusedUnknown} startOver="/pricing" />;

  const view = await completeFirstPayment(
    {
      subscriptionId: query.data.subscription,
      paymentIntentId: query.data.payment_intent,
      clientSecret: query.data.payment_intent_client_secret,
    },
    await currentCustomerId(),
  );
  if (view.kind === "refused") {
    const message = { unknown: t.refusedUnknown, mismatch: t.refusedMismatch, other_session: t.refusedOtherSession }[
      view.reason
    ];
    return <Refused t={t} message={message} startOver="/pricing" />;
  }
  if (view.kind === "unavailable")
    return <Unavailable t={t} message={errorMessage(view.code, view.message, t)} testId="subscription-result" />;
  const row = (await findSubscriptionById(view.subscriptionId))!;
  const payment = view.failure
    ? ({ kind: "failed", reason: view.failure } as const)
    : view.paymentStatus === "succeeded"
      ? ({ kind: "paid" } as const)
      : ({ kind: "processing" } as const);
  return (
    <SubscriptionOutcome
      t={t}
      locale={locale}
      stripe={browserStripeConfig()}
      subscription={{ id: row.id, status: view.status, currency: row.currency, unitAmount: row.unitAmount }}
      walletName={
        isWallet(row.consent.paymentMethodType)
          ? WALLET_NAMES[row.consent.paymentMethodType]
          : row.consent.paymentMethodType
      }
      payment={payment}
    />
  );
}
