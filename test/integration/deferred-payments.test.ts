import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { advanceCustomerClock } from "../../lib/billing/advance-clock";
import { cancelSubscription } from "../../lib/billing/cancel-subscription";
import { finishPendingSetup } from "../../lib/billing/finish-pending-setup";
import { subscribeWithConsent } from "../../lib/billing/subscribe";
import { findConsentById } from "../../lib/db/consents";
import { db } from "../../lib/db/client";
import { findSubscriptionById } from "../../lib/db/subscriptions";
import { cardSubscription, walletTrialConsent } from "../support/flows";
import { eventually, startHarness, type Harness } from "../support/harness";
import { needsEmulator, needsWebhooks } from "../support/target";
import { answerThreeDs } from "../support/three-ds";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

async function charges(subscriptionId: string) {
  return db().subscriptionPayment.findMany({ where: { subscriptionId }, orderBy: { invoiceCreated: "asc" } });
}

describe("a card with a 14-day trial (seed 003)", () => {
  test("needs no action, then the trial end and two renewals are charged off-session", async () => {
    const started = await cardSubscription(h.sdk, "pm_card_visa");
    assert.ok(started.ok);
    assert.equal(started.status, "trialing");
    assert.equal(started.pendingSetup, null);
    const row = (await findSubscriptionById(started.subscriptionId))!;
    assert.ok(row.trialEnd);
    assert.equal((await findConsentById(row.consentId))!.status, "active");

    for (const days of [15, 31, 31]) assert.ok((await advanceCustomerClock(started.customerId, days)).ok);

    const after = (await findSubscriptionById(started.subscriptionId))!;
    assert.equal(after.status, "active");
    const paid = (await charges(row.id)).filter((c) => c.amountDue > 0);
    assert.equal(paid.length, 3, JSON.stringify(paid));
    assert.ok(paid.every((c) => c.status === "paid" && c.amountPaid === 1500 && c.offSession));
    for (const charge of paid) {
      const intent = await h.sdk.paymentIntents.retrieve(charge.paymentIntentId!);
      assert.equal(intent.status, "succeeded");
    }
  });

  test("failed authentication leaves the pending SetupIntent needing a new card; a good one finishes it", async (t) => {
    if (needsEmulator(t, "3D Secure challenge page")) return;
    const started = await cardSubscription(h.sdk, "pm_card_authenticationRequired");
    assert.ok(started.ok && started.pendingSetup?.status === "requires_action");
    const row = (await findSubscriptionById(started.subscriptionId))!;
    const consent = (await findConsentById(row.consentId))!;
    await answerThreeDs(await h.sdk.setupIntents.retrieve(consent.setupIntentId!), "fail");

    const afterFailure = await finishPendingSetup(started.customerId, started.subscriptionId);
    assert.ok(
      afterFailure.ok && afterFailure.pendingSetup?.status === "requires_payment_method",
      JSON.stringify(afterFailure),
    );
    assert.equal((await findConsentById(row.consentId))!.status, "failed");

    // What the browser does with a new card: confirm the same SetupIntent with it.
    await h.sdk.setupIntents.confirm(consent.setupIntentId!, { payment_method: "pm_card_visa" });
    const finished = await finishPendingSetup(started.customerId, started.subscriptionId);
    assert.ok(finished.ok && finished.pendingSetup === null, JSON.stringify(finished));

    const activeConsent = (await findConsentById(row.consentId))!;
    assert.equal(activeConsent.status, "active");
    const subscription = await h.sdk.subscriptions.retrieve(row.stripeSubscriptionId);
    assert.equal(subscription.default_payment_method, activeConsent.paymentMethodId);
    assert.equal(subscription.pending_setup_intent, null);
    const customer = await h.sdk.customers.retrieve(activeConsent.customer.stripeCustomerId!);
    assert.ok(
      !("deleted" in customer) && customer.invoice_settings.default_payment_method === activeConsent.paymentMethodId,
    );
  });

  test("completed authentication activates the consent without another card", async (t) => {
    if (needsEmulator(t, "3D Secure challenge page")) return;
    const started = await cardSubscription(h.sdk, "pm_card_authenticationRequiredOnSetup");
    assert.ok(started.ok && started.pendingSetup);
    const row = (await findSubscriptionById(started.subscriptionId))!;
    const consent = (await findConsentById(row.consentId))!;
    await answerThreeDs(await h.sdk.setupIntents.retrieve(consent.setupIntentId!), "complete");
    const finished = await finishPendingSetup(started.customerId, started.subscriptionId);
    assert.ok(finished.ok && finished.pendingSetup === null);
    assert.equal((await findConsentById(row.consentId))!.status, "active");
    assert.ok((await advanceCustomerClock(started.customerId, 15)).ok);
    assert.equal((await findSubscriptionById(started.subscriptionId))!.status, "active");
  });

  test("a card declined when attached is refused before any subscription exists", async () => {
    const { startCardSubscription } = await import("../../lib/billing/start-card-subscription");
    const result = await startCardSubscription(
      {
        submissionId: crypto.randomUUID(),
        email: "declined-" + Date.now() + "@example.com",
        locale: "en",
        termsVersion: "2026-11-01",
        plan: {
          priceId: (await h.sdk.prices.list({ lookup_keys: ["stock_photos_monthly_usd"] })).data[0]!.id,
          amountLabel: "$15.00",
        },
        offer: "trial_14d",
        paymentMethodId: "pm_card_visa_chargeDeclinedInsufficientFunds",
      },
      { ipAddress: "203.0.113.7", userAgent: "test" },
    );
    // The issuer's decline code travels to the page, which words it; Stripe's text stays in the logs.
    assert.ok(!result.ok && result.code === "card" && result.error === "insufficient_funds", JSON.stringify(result));
    assert.equal(await db().subscription.count({ where: { customer: { email: { startsWith: "declined-" } } } }), 0);
  });

  test("a card whose charges fail leaves the subscription past_due at the trial end", async () => {
    const started = await cardSubscription(h.sdk, "pm_card_chargeCustomerFail");
    assert.ok(started.ok);
    assert.ok((await advanceCustomerClock(started.customerId, 15)).ok);
    const row = (await findSubscriptionById(started.subscriptionId))!;
    assert.equal(row.status, "past_due");
    const failed = (await charges(row.id)).find((c) => c.amountDue > 0)!;
    assert.equal(failed.status, "open");
    assert.ok(failed.failureMessage);
    assert.equal(failed.failureCode, "generic_decline");
  });

  test("canceling during the trial cancels the pending SetupIntent Stripe leaves behind", async (t) => {
    if (needsWebhooks(t)) return;
    const started = await cardSubscription(h.sdk, "pm_card_authenticationRequired");
    assert.ok(started.ok && started.pendingSetup?.status === "requires_action");
    const row = (await findSubscriptionById(started.subscriptionId))!;
    const setupIntentId = (await findConsentById(row.consentId))!.setupIntentId!;
    const canceled = await cancelSubscription(started.customerId, started.subscriptionId, "now");
    assert.ok(canceled.ok);
    const intent = await eventually(async () => {
      const current = await h.sdk.setupIntents.retrieve(setupIntentId);
      return current.status === "canceled" ? current : null;
    });
    assert.equal(intent.cancellation_reason, "abandoned");
  });

  test("a free first month (100% coupon) also defers the payment and asks nothing of a good card", async () => {
    const started = await cardSubscription(h.sdk, "pm_card_visa", "first_month_free");
    assert.ok(started.ok && started.pendingSetup === null);
    const row = (await findSubscriptionById(started.subscriptionId))!;
    const first = (await charges(row.id))[0]!;
    assert.equal(first.amountDue, 0);
    assert.ok((await advanceCustomerClock(started.customerId, 31)).ok);
    const renewal = (await charges(row.id)).find((c) => c.amountDue > 0)!;
    assert.equal(renewal.amountPaid, 1500);
  });
});

describe("wallets with a trial", () => {
  for (const wallet of ["amazon_pay", "kakao_pay"] as const) {
    test(`${wallet}: nothing pending (the mandate is in place); renewals are charged under it`, async () => {
      const { consentId, customerId } = await walletTrialConsent(h.sdk, wallet);
      const outcome = await subscribeWithConsent(consentId);
      assert.ok(outcome.kind === "subscription" && outcome.status === "trialing", JSON.stringify(outcome));
      const row = (await findSubscriptionById(outcome.subscriptionId))!;
      assert.equal(row.pendingSetupIntentId, null);

      for (const days of [15, 31, 31]) assert.ok((await advanceCustomerClock(customerId, days)).ok);
      const paid = (await charges(row.id)).filter((c) => c.amountDue > 0);
      assert.equal(paid.length, 3, "the trial end and two renewals");
      assert.ok(paid.every((c) => c.status === "paid" && c.offSession));
      assert.equal(paid[0]!.amountPaid, wallet === "kakao_pay" ? 100000 : 1500);
    });
  }

  for (const wallet of ["amazon_pay", "kakao_pay"] as const) {
    test(`${wallet}: a wallet removed outside the app fails its renewal and the subscription is past_due`, async () => {
      const { consentId, customerId } = await walletTrialConsent(h.sdk, wallet);
      const outcome = await subscribeWithConsent(consentId);
      assert.ok(outcome.kind === "subscription");
      // Removed in the Dashboard or the wallet's own app: the account page would have warned first.
      await h.sdk.paymentMethods.detach((await findConsentById(consentId))!.paymentMethodId!);
      assert.ok((await advanceCustomerClock(customerId, 15)).ok);
      const row = (await findSubscriptionById(outcome.subscriptionId))!;
      assert.equal(row.status, "past_due");
      const failed = (await charges(row.id)).find((c) => c.amountDue > 0)!;
      assert.equal(failed.status, "open");
      assert.equal(failed.amountPaid, 0);
    });
  }
});
