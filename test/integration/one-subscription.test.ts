import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { eventually, startHarness, uniqueEmail, type Harness } from "../support/harness";
import { BROWSER } from "../support/flows";
import { clickWalletButton } from "../support/redirect-page";
import { completeWalletSetup } from "../../lib/billing/complete-wallet-setup";
import { startCardSubscription } from "../../lib/billing/start-card-subscription";
import { startWalletSetup } from "../../lib/billing/start-wallet-setup";
import { subscribeWithConsent } from "../../lib/billing/subscribe";
import { ensureCatalogue } from "../../lib/catalogue/ensure-catalogue";
import { db } from "../../lib/db/client";
import { findConsentById } from "../../lib/db/consents";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";

let h: Harness;
let usd: { id: string };
before(async () => {
  h = await startHarness();
  usd = (await ensureCatalogue(h.sdk)).find((p) => p.lookup_key === "stock_photos_monthly_usd")!;
});
after(async () => {
  await h.close();
});

function tab(email: string, offer: "trial_14d" | null = null) {
  return startWalletSetup(
    {
      submissionId: randomUUID(),
      email,
      wallet: "amazon_pay",
      locale: "en",
      termsVersion: CURRENT_TERMS_VERSION[offer ? "deferred_subscription" : "subscription"],
      plan: { priceId: usd.id, amountLabel: "$15.00", offer },
    },
    BROWSER,
  );
}

async function authorizeAndSubscribe(started: Awaited<ReturnType<typeof tab>>) {
  assert.ok(started.ok && "redirectUrl" in started.next, JSON.stringify(started));
  const back = await clickWalletButton(started.next.redirectUrl, "Authorize test setup");
  const view = await completeWalletSetup(
    {
      consentId: started.consentId,
      setupIntentId: back.searchParams.get("setup_intent")!,
      clientSecret: back.searchParams.get("setup_intent_client_secret")!,
    },
    started.customerId,
  );
  assert.equal(view.kind, "record");
  return subscribeWithConsent(started.consentId);
}

test("two tabs submitted at once: one goes on to the wallet, the other is told the plan is in progress", async () => {
  const email = uniqueEmail("two-tabs");
  const [a, b] = await Promise.all([tab(email), tab(email)]);
  const winners = [a, b].filter((r) => r.ok);
  const losers = [a, b].filter((r) => !r.ok);
  assert.equal(winners.length, 1, JSON.stringify([a, b]));
  assert.equal(losers[0]!.ok === false && losers[0]!.code, "plan_in_progress");

  const outcome = await authorizeAndSubscribe(winners[0]!);
  assert.equal(outcome.kind, "subscription");
  // A third tab after the subscription exists: the plan is active.
  const third = await tab(email);
  assert.equal(!third.ok && third.code, "plan_active");

  const customer = (await db().customer.findUnique({ where: { email } }))!;
  const subscriptions = await h.sdk.subscriptions.list({ customer: customer.stripeCustomerId!, status: "all" });
  assert.equal(subscriptions.data.length, 1);
  const invoices = await h.sdk.invoices.list({ customer: customer.stripeCustomerId! });
  assert.equal(invoices.data.filter((invoice) => invoice.status === "paid").length, 1, "one charge");
  assert.equal(await db().subscription.count({ where: { customerId: customer.id } }), 1);
});

test("a failed wallet attempt frees the plan for the next tab; the failed consent starts nothing", async () => {
  const email = uniqueEmail("race");
  const first = await tab(email);
  assert.ok(first.ok);
  // The first attempt fails at the wallet: the plan is free again for a new tab.
  assert.ok("redirectUrl" in first.next);
  await clickWalletButton(first.next.redirectUrl, "Fail test setup");
  await completeWalletSetup(
    {
      consentId: first.consentId,
      setupIntentId: (await findConsentById(first.consentId))!.setupIntentId!,
      clientSecret: first.next.clientSecret,
    },
    first.customerId,
  );
  const second = await tab(email);
  assert.ok(second.ok, JSON.stringify(second));
  const outcome = await authorizeAndSubscribe(second);
  assert.equal(outcome.kind, "subscription");
  // The failed first consent cannot be used to start a second subscription now.
  assert.equal((await subscribeWithConsent(first.consentId)).kind, "not_ready");
});

test("one trial per customer: a second trial is refused, nothing sent to Stripe", async () => {
  const email = uniqueEmail("trial-once");
  const first = await tab(email, "trial_14d");
  const outcome = await authorizeAndSubscribe(first);
  assert.equal(outcome.kind, "subscription");
  // Cancel it: the plan is free again, the trial is not.
  const row = (await db().subscription.findFirst({ where: { consentId: first.ok ? first.consentId : "" } }))!;
  await h.sdk.subscriptions.cancel(row.stripeSubscriptionId);
  // The customer.subscription.deleted webhook brings the news (after the object's earlier events).
  await eventually(async () => (await db().subscription.findUnique({ where: { id: row.id } }))?.status === "canceled");
  const again = await tab(email, "trial_14d");
  assert.equal(!again.ok && again.code, "trial_used");
  const consent = await db().mandateConsent.findFirst({
    where: { customer: { email } },
    orderBy: { createdAt: "desc" },
  });
  assert.equal(consent?.status, "failed");
  assert.equal(consent?.setupIntentId, null, "no SetupIntent was created");
  // Paying from the first month is still possible.
  assert.ok((await tab(email)).ok);
});

test("one trial per card: the same card cannot start a trial for another customer", async () => {
  process.env.TRIAL_ONCE_PER_CARD = "1";
  try {
    const start = (email: string) =>
      startCardSubscription(
        {
          submissionId: randomUUID(),
          email,
          locale: "en",
          termsVersion: CURRENT_TERMS_VERSION.deferred_subscription,
          plan: { priceId: usd.id, amountLabel: "$15.00" },
          offer: "trial_14d",
          paymentMethodId: "pm_card_mastercard",
        },
        BROWSER,
      );
    const first = await start(uniqueEmail("card-a"));
    assert.ok(first.ok, JSON.stringify(first));
    const second = await start(uniqueEmail("card-b"));
    assert.equal(!second.ok && second.code, "trial_card_used");
  } finally {
    process.env.TRIAL_ONCE_PER_CARD = "0";
  }
});
