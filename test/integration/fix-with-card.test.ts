import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { advanceCustomerClock } from "../../lib/billing/advance-clock";
import { continueCardReplacement, startCardReplacement } from "../../lib/billing/replace-with-card";
import { db } from "../../lib/db/client";
import { findConsentById } from "../../lib/db/consents";
import { findSubscriptionById } from "../../lib/db/subscriptions";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";
import { BROWSER, cardSubscription } from "../support/flows";
import { startHarness, type Harness } from "../support/harness";
import { needsEmulator } from "../support/target";
import { answerThreeDs } from "../support/three-ds";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

const charges = (subscriptionId: string) =>
  db().subscriptionPayment.findMany({ where: { subscriptionId }, orderBy: { invoiceCreated: "asc" } });
const intentIdOf = (clientSecret: string) => clientSecret.split("_secret_")[0]!;

/** A card subscription whose first renewal was declined (4000000000000341). */
async function pastDue() {
  const started = await cardSubscription(h.sdk, "pm_card_chargeCustomerFail");
  assert.ok(started.ok);
  assert.ok((await advanceCustomerClock(started.customerId, 15)).ok);
  const row = (await findSubscriptionById(started.subscriptionId))!;
  assert.equal(row.status, "past_due");
  return { customerId: started.customerId, row };
}

function start(customerId: string, subscriptionId: string, paymentMethodId: string, submissionId = randomUUID()) {
  return startCardReplacement(
    {
      customerId,
      subscriptionId,
      submissionId,
      paymentMethodId,
      locale: "de",
      termsVersion: CURRENT_TERMS_VERSION.replace_method,
    },
    BROWSER,
  );
}

describe("fixing a failed payment with a card", () => {
  test("past due → a new card with its consent → the open invoice is paid on-session → active", async () => {
    const { customerId, row } = await pastDue();
    const submissionId = randomUUID();
    const first = await start(customerId, row.id, "pm_card_visa", submissionId);
    assert.ok(first.ok && first.step === "confirm_setup", JSON.stringify(first));
    // A double click: the same consent, the same SetupIntent, nothing created twice.
    const again = await start(customerId, row.id, "pm_card_visa", submissionId);
    assert.deepEqual(again, first);
    assert.equal(await db().mandateConsent.count({ where: { submissionId } }), 1);

    // Stripe.js confirms the SetupIntent on the page.
    await h.sdk.setupIntents.confirm(intentIdOf(first.clientSecret));
    const done = await continueCardReplacement(customerId, first.consentId);
    assert.ok(done.ok && done.step === "done", JSON.stringify(done));
    assert.equal(done.status, "active");
    assert.deepEqual(done.card, { brand: "visa", last4: "4242" });

    const consent = (await findConsentById(first.consentId))!;
    assert.equal(consent.status, "active");
    assert.equal(consent.purpose, "replace_method");
    assert.equal(consent.termsLocale, "de");
    // The replacement's own terms: no "first payment today", the card named as the method.
    assert.equal(consent.termsVersion, CURRENT_TERMS_VERSION.replace_method);
    assert.match(consent.termsText, /bestehendes Abonnement/);
    assert.match(consent.termsText, /Zahlungsmethode \(Karte\)/);
    assert.equal(consent.cardLast4, "4242");
    const after = (await findSubscriptionById(row.id))!;
    assert.equal(after.status, "active");
    assert.equal(after.paymentConsentId, consent.id);
    assert.ok((await charges(row.id)).filter((c) => c.amountDue > 0).every((c) => c.status === "paid"));
    const subscription = await h.sdk.subscriptions.retrieve(row.stripeSubscriptionId);
    assert.equal(subscription.default_payment_method, consent.paymentMethodId);
    const customer = await h.sdk.customers.retrieve(consent.customer.stripeCustomerId!);
    assert.ok(!("deleted" in customer) && customer.invoice_settings.default_payment_method === consent.paymentMethodId);

    // A reload converges: nothing is charged twice.
    const reloaded = await continueCardReplacement(customerId, first.consentId);
    assert.deepEqual(reloaded, done);
    assert.equal((await charges(row.id)).filter((c) => c.amountDue > 0).length, 1);
  });

  test("a card that needs 3D Secure on setup and on the payment (3184) → authenticated twice → active", async (t) => {
    if (needsEmulator(t, "3D Secure challenge page")) return;
    const { customerId, row } = await pastDue();
    const first = await start(customerId, row.id, "pm_card_authenticationRequired");
    assert.ok(first.ok && first.step === "confirm_setup", JSON.stringify(first));
    const setup = await h.sdk.setupIntents.confirm(intentIdOf(first.clientSecret), { use_stripe_sdk: true });
    assert.equal(setup.status, "requires_action");
    await answerThreeDs(setup, "complete");

    const payment = await continueCardReplacement(customerId, first.consentId);
    assert.ok(payment.ok && payment.step === "authenticate_payment", JSON.stringify(payment));
    assert.equal((await findSubscriptionById(row.id))!.status, "past_due");
    await answerThreeDs(await h.sdk.paymentIntents.retrieve(intentIdOf(payment.clientSecret)), "complete");

    const done = await continueCardReplacement(customerId, first.consentId, true);
    assert.ok(done.ok && done.step === "done" && done.status === "active", JSON.stringify(done));
    assert.deepEqual(done.card, { brand: "visa", last4: "3184" });
  });

  test("a failed 3D Secure on the payment is reported, not retried, and the subscription stays past due", async (t) => {
    if (needsEmulator(t, "3D Secure challenge page")) return;
    const { customerId, row } = await pastDue();
    const first = await start(customerId, row.id, "pm_card_authenticationRequired");
    assert.ok(first.ok && first.step === "confirm_setup");
    await answerThreeDs(
      await h.sdk.setupIntents.confirm(intentIdOf(first.clientSecret), { use_stripe_sdk: true }),
      "complete",
    );
    const payment = await continueCardReplacement(customerId, first.consentId);
    assert.ok(payment.ok && payment.step === "authenticate_payment");
    await answerThreeDs(await h.sdk.paymentIntents.retrieve(intentIdOf(payment.clientSecret)), "fail");
    const failed = await continueCardReplacement(customerId, first.consentId, true);
    assert.ok(!failed.ok && failed.code === "card", JSON.stringify(failed));
    assert.equal(failed.error, "payment_intent_authentication_failure");
    assert.equal((await findSubscriptionById(row.id))!.status, "past_due");
  });

  test("someone else's subscription is refused and nothing is recorded", async () => {
    const { row } = await pastDue();
    const mine = await cardSubscription(h.sdk, "pm_card_visa");
    assert.ok(mine.ok);
    const submissionId = randomUUID();
    const refused = await start(mine.customerId, row.id, "pm_card_visa", submissionId);
    assert.ok(!refused.ok && refused.code === "not_yours");
    assert.equal(await db().mandateConsent.count({ where: { submissionId } }), 0);
  });
});
