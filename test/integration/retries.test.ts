import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { startWalletSetup } from "../../lib/billing/start-wallet-setup";
import { subscribeWithConsent } from "../../lib/billing/subscribe";
import { findConsentById } from "../../lib/db/consents";
import { findCustomerByEmail } from "../../lib/db/customers";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";
import { authorizedSubscriptionConsent, BROWSER } from "../support/flows";
import { startHarness, uniqueEmail, type Harness } from "../support/harness";
import { needsEmulator } from "../support/target";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

/** Makes the emulator answer the next `times` matching requests with a 500, as Stripe does when it fails. */
async function failNext(path: string, times: number) {
  await h.controls.injectFault({ method: "POST", path, kind: "500", times });
}

function walletForm() {
  return {
    submissionId: randomUUID(),
    email: uniqueEmail("retry"),
    wallet: "amazon_pay" as const,
    locale: "en" as const,
    termsVersion: CURRENT_TERMS_VERSION.save_wallet,
  };
}

test("a Stripe 500 is retried with the same idempotency key: one SetupIntent", async (t) => {
  if (needsEmulator(t, "fault injection")) return;
  const form = walletForm();
  await failNext("/v1/setup_intents", 1);
  const result = await startWalletSetup(form, BROWSER);
  assert.ok(result.ok, JSON.stringify(result));
  const customer = (await findCustomerByEmail(form.email))!;
  assert.equal((await h.sdk.setupIntents.list({ customer: customer.stripeCustomerId! })).data.length, 1);
});

test("Stripe down for longer than the retries: a clear error, the record kept pending, and a resubmit creates one SetupIntent", async (t) => {
  if (needsEmulator(t, "fault injection")) return;
  const form = walletForm();
  await failNext("/v1/setup_intents", 3);
  const failed = await startWalletSetup(form, BROWSER);
  assert.ok(!failed.ok);
  assert.match(failed.error, /did not answer.*Nothing was charged/);
  const customer = (await findCustomerByEmail(form.email))!;
  const consent = await (
    await import("../../lib/db/client")
  )
    .db()
    .mandateConsent.findUnique({ where: { submissionId: form.submissionId } });
  assert.equal(consent?.status, "pending");

  const again = await startWalletSetup(form, BROWSER);
  assert.ok(again.ok && again.consentId === consent!.id, JSON.stringify(again));
  assert.equal((await h.sdk.setupIntents.list({ customer: customer.stripeCustomerId! })).data.length, 1);
});

test("a failed subscription create is retried with the same key: one subscription, one charge", async (t) => {
  if (needsEmulator(t, "fault injection")) return;
  const { consentId } = await authorizedSubscriptionConsent(h.sdk, "amazon_pay");
  await failNext("/v1/subscriptions", 1);
  const outcome = await subscribeWithConsent(consentId);
  assert.ok(outcome.kind === "subscription" && outcome.payment.kind === "paid", JSON.stringify(outcome));
  const stripeCustomer = (await findConsentById(consentId))!.customer.stripeCustomerId!;
  assert.equal((await h.sdk.subscriptions.list({ customer: stripeCustomer, status: "all" })).data.length, 1);
  const charges = await h.sdk.paymentIntents.list({ customer: stripeCustomer });
  assert.equal(charges.data.filter((pi) => pi.status === "succeeded").length, 1);
});
