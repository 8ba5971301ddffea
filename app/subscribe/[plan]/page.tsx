import { randomUUID } from "node:crypto";
import Link from "next/link";
import { ConsentForm } from "@/components/consent-form";
import { findPlan } from "@/lib/catalogue/load-plans";
import { formatMoney } from "@/lib/catalogue/money";
import { browserStripeConfig } from "@/lib/stripe/browser-config";
import { format } from "@/lib/i18n/messages";
import { requestMessages } from "@/lib/i18n/request-locale";
import { renderTerms } from "@/lib/mandate/terms";
import { WALLET_NAMES, isWallet } from "@/lib/mandate/wallets";
import { subscribeAction } from "./actions";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ plan: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SubscribePage({ params, searchParams }: Props) {
  const { locale, t } = await requestMessages();
  const plan = await findPlan((await params).plan);
  const query = await searchParams;
  if (!plan) {
    return (
      <div className="notice bad" role="alert">
        <p>{t.planUnavailable}</p>
        <Link href="/pricing">{t.pricingTitle}</Link>
      </div>
    );
  }
  const amount = formatMoney(plan.unitAmount, plan.currency, locale);
  const wallets = plan.wallets.map((wallet) => {
    const terms = renderTerms({ purpose: "subscription", locale, wallet, amount });
    return { id: wallet, name: WALLET_NAMES[wallet], termsText: terms.text, termsVersion: terms.version };
  });
  const chosen = isWallet(query.wallet) && plan.wallets.includes(query.wallet) ? query.wallet : plan.wallets[0]!;
  return (
    <section>
      <h1>{format(t.subscribeTitle, { amount })}</h1>
      <p className="lead">{format(t.subscribeIntro, { wallet: WALLET_NAMES[chosen] })}</p>
      <ConsentForm
        action={subscribeAction}
        hiddenFields={{ plan: plan.lookupKey }}
        submitLabel={t.subscribeSubmit}
        submissionId={randomUUID()}
        locale={locale}
        messages={t}
        wallets={wallets}
        initialWallet={chosen}
        initialEmail={typeof query.email === "string" ? query.email.slice(0, 254) : ""}
        stripe={browserStripeConfig()}
      />
    </section>
  );
}
