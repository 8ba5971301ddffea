import { SetupResult, Refused } from "@/components/setup-result";
import { completeWalletSetup } from "@/lib/billing/complete-wallet-setup";
import { SetupReturnQuery, type SearchParams } from "@/lib/http/return-query";
import { requestMessages } from "@/lib/i18n/request-locale";
import { currentCustomerId } from "@/lib/session-cookie";
import { titled } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("titleSaveResult");

/** The wallet's return_url. redirect_status is ignored: the record follows Stripe's SetupIntent. */
export default async function WalletReturnPage({ searchParams }: { searchParams: SearchParams }) {
  const { t } = await requestMessages();
  const query = SetupReturnQuery.safeParse(await searchParams);
  if (!query.success) return <Refused t={t} message={t.refusedUnknown} />;

  const view = await completeWalletSetup(
    {
      consentId: query.data.consent,
      setupIntentId: query.data.setup_intent,
      clientSecret: query.data.setup_intent_client_secret,
    },
    await currentCustomerId(),
  );
  return (
    <SetupResult
      view={view}
      t={t}
      retryHref={(wallet, email) => `/save?wallet=${encodeURIComponent(wallet)}&email=${encodeURIComponent(email)}`}
    />
  );
}
