import Link from "next/link";
import { StaleCatalogueNote } from "@/components/stale-catalogue-note";
import { loadCatalogue } from "@/lib/catalogue/load-plans";
import { formatMoney } from "@/lib/catalogue/money";
import { format } from "@/lib/i18n/messages";
import { requestMessages } from "@/lib/i18n/request-locale";
import { WALLET_NAMES, methodName } from "@/lib/mandate/wallets";
import { titled } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("pricingTitle");

export default async function PricingPage() {
  const { locale, t } = await requestMessages();
  const { plans, staleSince } = await loadCatalogue();
  return (
    <section>
      <h1>{t.pricingTitle}</h1>
      <p className="lead">{t.pricingIntro}</p>
      <StaleCatalogueNote since={staleSince} locale={locale} t={t} />
      <div className="cards">
        {plans.map((plan) => (
          <article key={plan.lookupKey} className="card" data-testid={`plan-${plan.currency}`}>
            <h2>{plan.productName}</h2>
            <p className="price">
              <strong>{formatMoney(plan.unitAmount, plan.currency, locale)}</strong> {t.perMonth}
            </p>
            {/* Only wallets that can pay this currency are offered (Kakao Pay is KRW only). */}
            {plan.wallets.map((wallet) => (
              <Link key={wallet} className="primary" href={`/subscribe/${plan.lookupKey}?wallet=${wallet}`}>
                {format(t.payWith, { wallet: WALLET_NAMES[wallet] })}
              </Link>
            ))}
            <ul className="offers">
              {[...plan.wallets, ...(plan.acceptsCard ? (["card"] as const) : [])].map((method) => (
                <li key={method}>
                  <Link
                    href={`/subscribe/${plan.lookupKey}?${method === "card" ? "method=card" : `wallet=${method}`}&offer=trial_14d`}
                  >
                    {format(t.startTrialWith, { method: methodName(method, locale) })}
                  </Link>
                </li>
              ))}
              {plan.acceptsCard && (
                <li>
                  <Link href={`/subscribe/${plan.lookupKey}?method=card&offer=first_month_free`}>
                    {format(t.firstMonthFreeWith, { method: methodName("card", locale) })}
                  </Link>
                </li>
              )}
            </ul>
          </article>
        ))}
      </div>
    </section>
  );
}
