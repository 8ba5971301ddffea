import { randomUUID } from "node:crypto";
import { ConsentForm } from "@/components/consent-form";
import { currentSession } from "@/lib/auth/session";
import { saveWalletAction } from "./actions";
import { browserStripeConfig } from "@/lib/stripe/browser-config";
import { requestMessages } from "@/lib/i18n/request-locale";
import { renderTerms } from "@/lib/mandate/terms";
import { WALLETS, WALLET_NAMES, isWallet } from "@/lib/mandate/wallets";
import { titled } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("saveTitle");

export default async function SaveWalletPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale, t } = await requestMessages();
  const query = await searchParams;
  const session = await currentSession();
  const wallets = WALLETS.map((wallet) => {
    const terms = renderTerms({ purpose: "save_wallet", locale, wallet });
    return { id: wallet, name: WALLET_NAMES[wallet], termsText: terms.text, termsVersion: terms.version };
  });
  return (
    <section>
      <h1>{t.saveTitle}</h1>
      <p className="lead">{t.saveIntro}</p>
      {query.checkout === "canceled" && (
        <p className="notice warn" role="status" data-testid="checkout-canceled">
          {t.checkoutCanceled}
        </p>
      )}
      <ConsentForm
        action={saveWalletAction}
        submitLabel={t.submit}
        // A fresh id per rendered form: resubmitting this form converges on one record.
        submissionId={randomUUID()}
        locale={locale}
        messages={t}
        wallets={wallets}
        initialWallet={isWallet(query.wallet) ? query.wallet : "amazon_pay"}
        initialEmail={typeof query.email === "string" ? query.email.slice(0, 254) : ""}
        accountEmail={session?.user.email ?? null}
        stripe={browserStripeConfig()}
        checkout={{ wallet: "amazon_pay", label: t.saveWithCheckout, hint: t.checkoutHint }}
      />
    </section>
  );
}
