import { SetupResult, Refused } from "@/components/setup-result";
import { completeCheckoutSetup } from "@/lib/billing/complete-checkout-setup";
import { CheckoutReturnQuery, type SearchParams } from "@/lib/http/return-query";
import { requestMessages } from "@/lib/i18n/request-locale";
import { currentCustomerId } from "@/lib/session-cookie";

export const dynamic = "force-dynamic";

/** Stripe Checkout's success_url: the session is re-read from Stripe and must be this customer's consent's. */
export default async function CheckoutReturnPage({ searchParams }: { searchParams: SearchParams }) {
  const { t } = await requestMessages();
  const query = CheckoutReturnQuery.safeParse(await searchParams);
  if (!query.success) return <Refused t={t} message={t.refusedUnknown} />;

  const view = await completeCheckoutSetup(query.data.session_id, await currentCustomerId());
  return (
    <SetupResult
      view={view}
      t={t}
      retryHref={(wallet, email) => `/save?wallet=${encodeURIComponent(wallet)}&email=${encodeURIComponent(email)}`}
    />
  );
}
