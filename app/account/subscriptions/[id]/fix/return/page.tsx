import Link from "next/link";
import { SetupResult, Unavailable } from "@/components/setup-result";
import { SubscriptionOutcome } from "@/components/subscription-outcome";
import { completeWalletSetup } from "@/lib/billing/complete-wallet-setup";
import { applyReplacement, fixPath } from "@/lib/billing/replace-method";
import { findSubscriptionById } from "@/lib/db/subscriptions";
import { SetupReturnQuery, type SearchParams } from "@/lib/http/return-query";
import { errorMessage, failureMessage } from "@/lib/i18n/error-message";
import { format } from "@/lib/i18n/messages";
import { requestMessages } from "@/lib/i18n/request-locale";
import { WALLET_NAMES, isWallet } from "@/lib/mandate/wallets";
import { browserStripeConfig } from "@/lib/stripe/browser-config";
import { currentCustomerId } from "@/lib/session-cookie";
import { titled } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("fixTitle");

/** Back from the wallet with the new mandate: it becomes the subscription's method, and what is owed is paid. */
export default async function FixReturnPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { locale, t } = await requestMessages();
  const retry = fixPath((await params).id);
  const query = SetupReturnQuery.safeParse(await searchParams);
  if (!query.success) {
    return (
      <div className="notice bad" role="alert" data-testid="fix-result" data-status="refused">
        <h1>{t.refusedTitle}</h1>
        <p>{t.refusedUnknown}</p>
        <Link href={retry}>{t.tryAgain}</Link>
      </div>
    );
  }
  const view = await completeWalletSetup(
    {
      consentId: query.data.consent,
      setupIntentId: query.data.setup_intent,
      clientSecret: query.data.setup_intent_client_secret,
    },
    await currentCustomerId(),
  );
  if (view.kind !== "record" || view.status !== "active")
    return <SetupResult view={view} t={t} retryHref={() => retry} />;

  const outcome = await applyReplacement(view.consentId);
  if (outcome.kind === "error")
    return (
      <Unavailable t={t} message={errorMessage(outcome.code, outcome.message, t)} testId="fix-result" status="error" />
    );
  if (outcome.kind === "not_ready") return <SetupResult view={view} t={t} retryHref={() => retry} />;
  const walletName = isWallet(view.wallet) ? WALLET_NAMES[view.wallet] : view.wallet;
  const { payment } = outcome;
  if (payment.kind === "paid") {
    return (
      <div className="notice ok" data-testid="fix-result" data-status={outcome.status}>
        <h1>{t.fixDoneTitle}</h1>
        <p>{format(t.fixDoneBody, { method: walletName })}</p>
        <Link href="/account">{t.backToAccount}</Link>
      </div>
    );
  }
  if (payment.kind === "failed") {
    return (
      <div className="notice bad" role="alert" data-testid="fix-result" data-status="failed">
        <h1>{t.subPaymentFailedTitle}</h1>
        <p>{failureMessage(payment.reason, t)}</p>
        <Link href={retry}>{t.tryAgain}</Link>
      </div>
    );
  }
  const row = (await findSubscriptionById(outcome.subscriptionId))!;
  return (
    <SubscriptionOutcome
      t={t}
      locale={locale}
      stripe={browserStripeConfig()}
      subscription={{ id: row.id, status: outcome.status, currency: row.currency, unitAmount: row.unitAmount }}
      walletName={walletName}
      payment={payment}
    />
  );
}
