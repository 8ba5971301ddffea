import { Refused, SetupResult, Unavailable } from "@/components/setup-result";
import { SubscriptionOutcome } from "@/components/subscription-outcome";
import { completeWalletSetup } from "@/lib/billing/complete-wallet-setup";
import { subscribeWithConsent } from "@/lib/billing/subscribe";
import { findSubscriptionById } from "@/lib/db/subscriptions";
import { browserStripeConfig } from "@/lib/stripe/browser-config";
import { SetupReturnQuery, type SearchParams } from "@/lib/http/return-query";
import { errorMessage } from "@/lib/i18n/error-message";
import { requestMessages } from "@/lib/i18n/request-locale";
import { WALLET_NAMES, isWallet } from "@/lib/mandate/wallets";
import { currentCustomerId } from "@/lib/session-cookie";
import { titled } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("titleResult");

/**
 * Back from the wallet's mandate page: verify the SetupIntent, then create the
 * subscription on the saved wallet (reloads converge on the same one).
 */
export default async function SubscribeReturnPage({ searchParams }: { searchParams: SearchParams }) {
  const { locale, t } = await requestMessages();
  const query = SetupReturnQuery.safeParse(await searchParams);
  if (!query.success) return <Refused t={t} message={t.refusedUnknown} startOver="/pricing" />;

  const view = await completeWalletSetup(
    {
      consentId: query.data.consent,
      setupIntentId: query.data.setup_intent,
      clientSecret: query.data.setup_intent_client_secret,
    },
    await currentCustomerId(),
  );
  if (view.kind !== "record" || view.status !== "active") {
    return <SetupResult view={view} t={t} retryHref={() => "/pricing"} />;
  }

  const outcome = await subscribeWithConsent(view.consentId);
  if (outcome.kind === "error") {
    return (
      <Unavailable
        t={t}
        message={errorMessage(outcome.code, outcome.message, t)}
        testId="subscription-result"
        status="error"
      />
    );
  }
  if (outcome.kind === "not_ready") return <SetupResult view={view} t={t} retryHref={() => "/pricing"} />;
  const row = (await findSubscriptionById(outcome.subscriptionId))!;
  return (
    <SubscriptionOutcome
      t={t}
      locale={locale}
      stripe={browserStripeConfig()}
      subscription={{
        id: row.id,
        status: outcome.status,
        currency: row.currency,
        unitAmount: row.unitAmount,
        trialEnd: row.trialEnd,
      }}
      walletName={isWallet(view.wallet) ? WALLET_NAMES[view.wallet] : view.wallet}
      payment={outcome.payment}
    />
  );
}
