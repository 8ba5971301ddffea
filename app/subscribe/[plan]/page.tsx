import { randomUUID } from "node:crypto";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CardSubscribeForm } from "@/components/card/card-subscribe-form";
import { StripeElementsProvider } from "@/components/card/stripe-elements-provider";
import { ConsentForm } from "@/components/consent-form";
import { currentSession } from "@/lib/auth/session";
import { StaleCatalogueNote } from "@/components/stale-catalogue-note";
import { loadCatalogue } from "@/lib/catalogue/load-plans";
import { formatMoney } from "@/lib/catalogue/money";
import { firstChargeDate, isOffer } from "@/lib/catalogue/offers";
import { formatDate } from "@/lib/i18n/dates";
import { format } from "@/lib/i18n/messages";
import { requestMessages } from "@/lib/i18n/request-locale";
import type { SearchParams } from "@/lib/http/return-query";
import { renderTerms } from "@/lib/mandate/terms";
import { WALLET_NAMES, isWallet, methodName } from "@/lib/mandate/wallets";
import { browserStripeConfig } from "@/lib/stripe/browser-config";
import { subscribeAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("titleSubscribe");

/** The plan's mandate terms and consent: a wallet (seeds 002/004) or, for a deferred first payment, a card (seed 003). */
export default async function SubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ plan: string }>;
  searchParams: SearchParams;
}) {
  const { locale, t } = await requestMessages();
  const lookupKey = (await params).plan;
  const catalogue = await loadCatalogue();
  const plan = catalogue.plans.find((p) => p.lookupKey === lookupKey);
  const query = await searchParams;
  const accountEmail = (await currentSession())?.user.email ?? null;
  const offer = isOffer(query.offer) ? query.offer : null;
  const byCard = query.method === "card";
  if (!plan) notFound();
  if (byCard && (!plan.acceptsCard || !offer)) {
    return (
      <div className="notice bad" role="alert">
        <p>{t.planUnavailable}</p>
        <Link href="/pricing">{t.pricingTitle}</Link>
      </div>
    );
  }
  const amount = formatMoney(plan.unitAmount, plan.currency, locale);
  const firstCharge = offer ? formatDate(firstChargeDate(offer, new Date()), locale) : undefined;
  const termsFor = (method: "card" | (typeof plan.wallets)[number]) =>
    renderTerms({
      purpose: offer ? "deferred_subscription" : "subscription",
      locale,
      wallet: method,
      amount,
      firstCharge,
    });
  const initialEmail = typeof query.email === "string" ? query.email.slice(0, 254) : "";
  const chosen = isWallet(query.wallet) && plan.wallets.includes(query.wallet) ? query.wallet : plan.wallets[0]!;
  const method = byCard ? "card" : chosen;
  const intro = offer
    ? format(t.deferredIntro, { method: methodName(method, locale), date: firstCharge! })
    : format(t.subscribeIntro, { wallet: WALLET_NAMES[chosen] });

  return (
    <section>
      <h1>{format(t.subscribeTitle, { amount })}</h1>
      <p className="lead">{intro}</p>
      <StaleCatalogueNote since={catalogue.staleSince} locale={locale} t={t} />
      {byCard && offer ? (
        <>
          <noscript>
            <p className="notice bad" data-testid="card-needs-js">
              {t.cardNeedsJs}
            </p>
          </noscript>
          <StripeElementsProvider config={browserStripeConfig()}>
            <CardSubscribeForm
              submissionId={randomUUID()}
              locale={locale}
              plan={plan.lookupKey}
              offer={offer}
              terms={termsFor("card")}
              initialEmail={initialEmail}
              accountEmail={accountEmail}
              doneMessage={format(t.setupDoneBody, { amount, date: firstCharge! })}
              t={t}
            />
          </StripeElementsProvider>
        </>
      ) : (
        <ConsentForm
          action={subscribeAction}
          hiddenFields={offer ? { plan: plan.lookupKey, offer } : { plan: plan.lookupKey }}
          submitLabel={t.subscribeSubmit}
          submissionId={randomUUID()}
          locale={locale}
          messages={t}
          wallets={plan.wallets.map((wallet) => {
            const terms = termsFor(wallet);
            return { id: wallet, name: WALLET_NAMES[wallet], termsText: terms.text, termsVersion: terms.version };
          })}
          initialWallet={chosen}
          initialEmail={initialEmail}
          accountEmail={accountEmail}
          stripe={browserStripeConfig()}
        />
      )}
    </section>
  );
}
