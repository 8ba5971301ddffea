import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { completeWalletSetup } from "../../lib/billing/complete-wallet-setup";
import { startWalletSetup } from "../../lib/billing/start-wallet-setup";
import { subscribeWithConsent } from "../../lib/billing/subscribe";
import { ensureCatalogue } from "../../lib/catalogue/ensure-catalogue";
import { formatMoney } from "../../lib/catalogue/money";
import { findSubscriptionById } from "../../lib/db/subscriptions";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";
import type { Wallet } from "../../lib/mandate/wallets";
import { uniqueEmail } from "./harness";
import { clickWalletButton } from "./redirect-page";

export const BROWSER = { ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (integration test)" };

const PLAN_OF: Record<Wallet, string> = {
  amazon_pay: "stock_photos_monthly_usd",
  kakao_pay: "stock_photos_monthly_krw",
};

/** Consent to a plan's mandate with a wallet and authorize it on the wallet's page: the state the subscribe return page starts from. */
export async function authorizedSubscriptionConsent(
  sdk: Stripe,
  wallet: Wallet,
  options: { offer?: "trial_14d"; locale?: "en" | "ko" } = {},
) {
  const locale = options.locale ?? "en";
  const prices = await ensureCatalogue(sdk);
  const price = prices.find((p) => p.lookup_key === PLAN_OF[wallet])!;
  const started = await startWalletSetup(
    {
      submissionId: randomUUID(),
      email: uniqueEmail(`sub-${wallet}`),
      wallet,
      locale,
      termsVersion: CURRENT_TERMS_VERSION[options.offer ? "deferred_subscription" : "subscription"],
      plan: {
        priceId: price.id,
        amountLabel: formatMoney(price.unit_amount!, price.currency, locale),
        offer: options.offer ?? null,
      },
    },
    BROWSER,
  );
  assert.ok(started.ok && "redirectUrl" in started.next, JSON.stringify(started));
  const location = await clickWalletButton(started.next.redirectUrl, "Authorize test setup");
  assert.equal(location.pathname, "/subscribe/return");
  const view = await completeWalletSetup(
    {
      consentId: location.searchParams.get("consent")!,
      setupIntentId: location.searchParams.get("setup_intent")!,
      clientSecret: location.searchParams.get("setup_intent_client_secret")!,
    },
    started.customerId,
  );
  assert.ok(view.kind === "record" && view.status === "active", JSON.stringify(view));
  return { consentId: started.consentId, customerId: started.customerId, price };
}

/** An Amazon Pay subscription charged and active: what cancel, resume and freshness tests act on. */
export async function liveWalletSubscription(sdk: Stripe) {
  const { consentId, customerId } = await authorizedSubscriptionConsent(sdk, "amazon_pay");
  const outcome = await subscribeWithConsent(consentId);
  assert.ok(outcome.kind === "subscription", JSON.stringify(outcome));
  const row = (await findSubscriptionById(outcome.subscriptionId))!;
  return { customerId, subscriptionId: row.id, stripeId: row.stripeSubscriptionId };
}

/** The query Stripe adds to a PaymentIntent's return_url, as completeFirstPayment takes it. */
export function paymentReturnParams(location: URL) {
  return {
    subscriptionId: location.searchParams.get("subscription")!,
    paymentIntentId: location.searchParams.get("payment_intent")!,
    clientSecret: location.searchParams.get("payment_intent_client_secret")!,
  };
}

/** Seed 003 at the server-action level: a card subscription with a deferred first payment. */
export async function cardSubscription(
  sdk: Stripe,
  paymentMethodId: string,
  offer: "trial_14d" | "first_month_free" = "trial_14d",
) {
  const { startCardSubscription } = await import("../../lib/billing/start-card-subscription");
  const prices = await ensureCatalogue(sdk);
  const price = prices.find((p) => p.lookup_key === PLAN_OF.amazon_pay)!;
  const result = await startCardSubscription(
    {
      submissionId: randomUUID(),
      email: uniqueEmail("card"),
      locale: "en",
      termsVersion: CURRENT_TERMS_VERSION.deferred_subscription,
      plan: { priceId: price.id, amountLabel: "$15.00" },
      offer,
      paymentMethodId,
    },
    BROWSER,
  );
  assert.ok(result.ok, JSON.stringify(result));
  return result;
}

/** Consent to a plan with a trial and a wallet, authorized on the wallet's page. */
export function walletTrialConsent(sdk: Stripe, wallet: Wallet) {
  return authorizedSubscriptionConsent(sdk, wallet, { offer: "trial_14d", locale: "ko" });
}
