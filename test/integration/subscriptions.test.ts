import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { cancelSubscription } from "../../lib/billing/cancel-subscription";
import { invoicePaymentIntent } from "../../lib/stripe/invoice-payment";
import { completeFirstPayment } from "../../lib/billing/payment-return";
import { revokeWallet } from "../../lib/billing/revoke-wallet";
import { subscribeWithConsent } from "../../lib/billing/subscribe";
import { findConsentById } from "../../lib/db/consents";
import { findSubscriptionById } from "../../lib/db/subscriptions";
import { authorizedSubscriptionConsent, paymentReturnParams } from "../support/flows";
import { needsWebhooks } from "../support/target";
import { eventually, startHarness, type Harness } from "../support/harness";
import { clickWalletButton } from "../support/redirect-page";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

describe("Amazon Pay (seed 004)", () => {
  test("the subscription is created on the saved wallet and the first invoice is charged off-session", async () => {
    const { consentId, price } = await authorizedSubscriptionConsent(h.sdk, "amazon_pay");
    const outcome = await subscribeWithConsent(consentId);
    assert.ok(outcome.kind === "subscription", JSON.stringify(outcome));
    assert.equal(outcome.payment.kind, "paid");

    const row = (await findSubscriptionById(outcome.subscriptionId))!;
    const subscription = await h.sdk.subscriptions.retrieve(row.stripeSubscriptionId);
    assert.equal(subscription.status, "active");
    assert.equal(row.status, "active");
    assert.equal(row.unitAmount, 1500);
    assert.equal(row.currency, "usd");
    assert.equal(subscription.items.data[0]!.price.id, price.id);
    const consent = (await findConsentById(consentId))!;
    assert.equal(subscription.default_payment_method, consent.paymentMethodId);

    const intent = (await invoicePaymentIntent(row.latestInvoiceId!))!;
    assert.equal(intent.status, "succeeded");
    assert.equal(intent.amount, 1500);
    const invoice = await h.sdk.invoices.retrieve(row.latestInvoiceId!);
    assert.equal(invoice.status, "paid");
  });

  test("reloads and racing tabs create one subscription and one charge", async () => {
    const { consentId, customerId } = await authorizedSubscriptionConsent(h.sdk, "amazon_pay");
    const outcomes = await Promise.all([
      subscribeWithConsent(consentId),
      subscribeWithConsent(consentId),
      subscribeWithConsent(consentId),
    ]);
    const ids = new Set(outcomes.map((o) => (o.kind === "subscription" ? o.subscriptionId : o.kind)));
    assert.equal(ids.size, 1);
    const again = await subscribeWithConsent(consentId);
    assert.ok(again.kind === "subscription" && ids.has(again.subscriptionId));

    const consent = (await findConsentById(consentId))!;
    assert.equal(consent.customerId, customerId);
    const subscriptions = await h.sdk.subscriptions.list({
      customer: consent.customer.stripeCustomerId!,
      status: "all",
    });
    assert.equal(subscriptions.data.length, 1);
    const charges = await h.sdk.paymentIntents.list({ customer: consent.customer.stripeCustomerId! });
    assert.equal(charges.data.filter((pi) => pi.status === "succeeded").length, 1);
  });
});

describe("Kakao Pay (seed 002)", () => {
  test("the first payment needs the customer again; after authorizing it the subscription is active", async () => {
    const { consentId } = await authorizedSubscriptionConsent(h.sdk, "kakao_pay");
    const outcome = await subscribeWithConsent(consentId);
    assert.ok(outcome.kind === "subscription" && outcome.payment.kind === "redirect", JSON.stringify(outcome));
    assert.equal(outcome.status, "incomplete");

    // A reload before authorizing gets the same payment page, not a second confirmation.
    const reload = await subscribeWithConsent(consentId);
    assert.ok(reload.kind === "subscription" && reload.payment.kind === "redirect");
    assert.equal(reload.payment.redirectUrl, outcome.payment.redirectUrl);

    const location = await clickWalletButton(outcome.payment.redirectUrl, "Authorize test payment");
    assert.equal(location.pathname, "/subscribe/payment-return");
    const view = await completeFirstPayment(paymentReturnParams(location), null);
    assert.ok(view.kind === "subscription", JSON.stringify(view));
    assert.equal(view.status, "active");
    assert.equal(view.paymentStatus, "succeeded");

    const row = (await findSubscriptionById(outcome.subscriptionId))!;
    assert.equal(row.status, "active");
    assert.equal(row.unitAmount, 100000);
    const subscription = await h.sdk.subscriptions.retrieve(row.stripeSubscriptionId);
    assert.equal(subscription.default_payment_method, (await findConsentById(consentId))!.paymentMethodId);
    const intent = (await invoicePaymentIntent(row.latestInvoiceId!))!;
    assert.equal(intent.amount, 100000);
    assert.equal(intent.currency, "krw");
  });

  test("a failed first payment leaves the subscription incomplete; a retry pays it", async () => {
    const { consentId, customerId } = await authorizedSubscriptionConsent(h.sdk, "kakao_pay");
    const outcome = await subscribeWithConsent(consentId);
    assert.ok(outcome.kind === "subscription" && outcome.payment.kind === "redirect");
    const failed = await clickWalletButton(outcome.payment.redirectUrl, "Fail test payment");
    const view = await completeFirstPayment(paymentReturnParams(failed), customerId);
    assert.ok(view.kind === "subscription");
    assert.equal(view.status, "incomplete");
    assert.ok(view.failure);

    const stillFailed = await subscribeWithConsent(consentId);
    assert.ok(stillFailed.kind === "subscription" && stillFailed.payment.kind === "failed");

    const attempt = randomUUID();
    const retry = await subscribeWithConsent(consentId, { attemptKey: attempt, retry: true });
    assert.ok(retry.kind === "subscription" && retry.payment.kind === "redirect", JSON.stringify(retry));
    const paid = await clickWalletButton(retry.payment.redirectUrl, "Authorize test payment");
    const final = await completeFirstPayment(paymentReturnParams(paid), customerId);
    assert.ok(final.kind === "subscription" && final.status === "active");
  });

  test("a forged or foreign payment return is refused", async () => {
    const { consentId, customerId } = await authorizedSubscriptionConsent(h.sdk, "kakao_pay");
    const outcome = await subscribeWithConsent(consentId);
    assert.ok(outcome.kind === "subscription" && outcome.payment.kind === "redirect");
    const location = await clickWalletButton(outcome.payment.redirectUrl, "Authorize test payment");
    const params = paymentReturnParams(location);
    assert.deepEqual(await completeFirstPayment({ ...params, clientSecret: "pi_x_secret_forged" }, customerId), {
      kind: "refused",
      reason: "mismatch",
    });
    assert.deepEqual(await completeFirstPayment(params, "another-customer"), {
      kind: "refused",
      reason: "other_session",
    });
    assert.deepEqual(await completeFirstPayment({ ...params, subscriptionId: "nope" }, customerId), {
      kind: "refused",
      reason: "unknown",
    });
  });
});

describe("the customer's account", () => {
  test("cancel at period end, then now; the webhook leaves the record canceled", async (t) => {
    if (needsWebhooks(t)) return;
    const { consentId, customerId } = await authorizedSubscriptionConsent(h.sdk, "amazon_pay");
    const outcome = await subscribeWithConsent(consentId);
    assert.ok(outcome.kind === "subscription");

    assert.deepEqual(await cancelSubscription("someone-else", outcome.subscriptionId, "now"), {
      ok: false,
      error: "This subscription is not yours.",
    });
    const scheduled = await cancelSubscription(customerId, outcome.subscriptionId, "period_end");
    assert.deepEqual(scheduled, { ok: true, status: "active", cancelAtPeriodEnd: true });
    const now = await cancelSubscription(customerId, outcome.subscriptionId, "now");
    assert.ok(now.ok && now.status === "canceled");
    const row = await eventually(async () => {
      const current = await findSubscriptionById(outcome.subscriptionId);
      return current?.status === "canceled" ? current : null;
    });
    assert.ok(row.canceledAt);
  });

  test("revoking the wallet detaches it, ends the mandate and keeps the record as revoked", async () => {
    const { consentId, customerId } = await authorizedSubscriptionConsent(h.sdk, "kakao_pay");
    assert.deepEqual(await revokeWallet("someone-else", consentId), {
      ok: false,
      error: "This authorisation is not yours.",
    });
    assert.deepEqual(await revokeWallet(customerId, consentId), { ok: true });
    assert.deepEqual(await revokeWallet(customerId, consentId), { ok: true });

    const consent = (await findConsentById(consentId))!;
    assert.equal(consent.status, "revoked");
    assert.equal(consent.statusReason, "revoked by the customer");
    const paymentMethod = await h.sdk.paymentMethods.retrieve(consent.paymentMethodId!);
    assert.equal(paymentMethod.customer, null);
    const mandate = await h.sdk.mandates.retrieve(consent.mandateId!);
    assert.equal(mandate.status, "inactive");
  });
});
