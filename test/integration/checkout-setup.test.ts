import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type Stripe from "stripe";
import { inboxSettled, startHarness, uniqueEmail, type Harness } from "../support/harness";
import { findWebhookEvent } from "../../lib/db/webhook-events";
import { saveOnCheckoutPage } from "../support/checkout-page";
import { BROWSER } from "../support/flows";
import { startCheckoutSetup } from "../../lib/billing/start-checkout-setup";
import { completeCheckoutSetup } from "../../lib/billing/complete-checkout-setup";
import { consentHistory, findConsentById } from "../../lib/db/consents";
import { CURRENT_TERMS_VERSION, renderTerms } from "../../lib/mandate/terms";
import { POST } from "../../app/api/webhooks/stripe/route";

// No webhook endpoint is registered: this file delivers the emulator's events itself, in the order it chooses,
// and waits for the inbox worker to apply each.
let h: Harness;
before(async () => {
  h = await startHarness({ webhooks: false });
});
after(async () => {
  await h.close();
});

function form(overrides: Partial<Parameters<typeof startCheckoutSetup>[0]> = {}) {
  return {
    submissionId: randomUUID(),
    email: uniqueEmail("checkout"),
    wallet: "amazon_pay" as const,
    locale: "de" as const,
    termsVersion: CURRENT_TERMS_VERSION.save_wallet,
    ...overrides,
  };
}

async function started() {
  const input = form();
  const result = await startCheckoutSetup(input, BROWSER);
  assert.ok(result.ok && "returnUrl" in result.next, JSON.stringify(result));
  const consent = (await findConsentById(result.consentId))!;
  return { input, result, sessionUrl: result.next.returnUrl, consent };
}

async function deliver(event: Stripe.Event): Promise<string> {
  const payload = JSON.stringify(event);
  const signature = h.sdk.webhooks.generateTestHeaderString({ payload, secret: process.env.STRIPE_WEBHOOK_SECRET! });
  const response = await POST(
    new Request("http://app/api/webhooks/stripe", {
      method: "POST",
      body: payload,
      headers: { "stripe-signature": signature },
    }),
  );
  assert.equal(response.status, 200);
  // The route only stores the event; the inbox worker applies it.
  const { result } = (await response.json()) as { result: string };
  if (result !== "queued") return result;
  await inboxSettled();
  return (await findWebhookEvent(event.id))?.processedAt ? "processed" : "not processed";
}

async function sessionEvent(sessionId: string, type: Stripe.Event.Type): Promise<Stripe.Event> {
  const events = (await h.sdk.events.list({ limit: 100, type })).data;
  const event = events.find((e) => (e.data.object as { id: string }).id === sessionId);
  assert.ok(event, `the emulator sent ${type} for ${sessionId}`);
  return event;
}

/** Seed 000's last step: the saved method charged with the customer away. */
async function chargeOffSession(customer: string, paymentMethod: string) {
  return h.sdk.paymentIntents.create(
    {
      amount: 1000,
      currency: "usd",
      customer,
      payment_method: paymentMethod,
      allowed_payment_method_types: ["amazon_pay"],
      confirm: true,
      off_session: true,
    },
    { idempotencyKey: `test-off-session:${paymentMethod}` },
  );
}

describe("Amazon Pay saved through Stripe Checkout (setup mode)", () => {
  test("the consent is written first, then one session keyed by it, even when submitted twice", async () => {
    const input = form();
    const first = await startCheckoutSetup(input, BROWSER);
    const second = await startCheckoutSetup(input, BROWSER);
    assert.ok(first.ok && second.ok);
    assert.equal(first.consentId, second.consentId);
    assert.deepEqual(first.next, second.next);
    const consent = (await findConsentById(first.consentId))!;
    assert.equal(consent.status, "pending");
    assert.equal(consent.termsText, renderTerms({ purpose: "save_wallet", locale: "de", wallet: "amazon_pay" }).text);
    assert.equal(consent.ipAddress, BROWSER.ipAddress);
    assert.match(consent.checkoutSessionId ?? "", /^cs_test_/);

    const session = await h.sdk.checkout.sessions.retrieve(consent.checkoutSessionId!);
    assert.equal(session.mode, "setup");
    assert.equal(session.currency, "usd");
    assert.equal(session.customer, consent.customer.stripeCustomerId);
    assert.deepEqual(session.allowed_payment_method_types, ["amazon_pay"]);
    assert.equal(session.client_reference_id, consent.id);
    assert.equal(session.success_url, "http://localhost:3999/save/checkout-return?session_id={CHECKOUT_SESSION_ID}");
    const cancel = new URL(session.cancel_url!);
    assert.equal(cancel.pathname, "/save");
    assert.equal(cancel.searchParams.get("wallet"), "amazon_pay");
    assert.equal(cancel.searchParams.get("email"), input.email);
    assert.equal(cancel.searchParams.get("checkout"), "canceled");
    const sessions = await h.sdk.checkout.sessions.list({ customer: consent.customer.stripeCustomerId! });
    assert.equal(sessions.data.length, 1);
  });

  test("return before webhook: the return page records it, the later webhook changes nothing; then charged off-session", async () => {
    const { result, sessionUrl, consent } = await started();
    const success = await saveOnCheckoutPage(sessionUrl, "Authorize test setup");
    assert.equal(success.pathname, "/save/checkout-return");
    assert.equal(success.searchParams.get("session_id"), consent.checkoutSessionId);

    const view = await completeCheckoutSetup(success.searchParams.get("session_id")!, result.customerId);
    assert.ok(view.kind === "record" && view.status === "active", JSON.stringify(view));
    assert.match(view.paymentMethodId ?? "", /^pm_/);
    assert.match(view.mandateId ?? "", /^mandate_/);
    const recorded = (await findConsentById(consent.id))!;
    assert.match(recorded.setupIntentId ?? "", /^seti_/);

    assert.equal(
      await deliver(await sessionEvent(consent.checkoutSessionId!, "checkout.session.completed")),
      "processed",
    );
    assert.deepEqual(
      (await consentHistory(consent.id)).map((row) => [row.toStatus, row.source]),
      [
        ["pending", "consent_form"],
        ["active", "return_page"],
      ],
    );
    const mandate = await h.sdk.mandates.retrieve(view.mandateId!);
    assert.equal(mandate.status, "active");
    assert.equal(mandate.type, "multi_use");

    const charge = await chargeOffSession(consent.customer.stripeCustomerId!, view.paymentMethodId!);
    assert.equal(charge.status, "succeeded");
    assert.equal(charge.payment_method, view.paymentMethodId);
  });

  test("webhook before return: the webhook records it, the return page shows the same record", async () => {
    const { result, sessionUrl, consent } = await started();
    const success = await saveOnCheckoutPage(sessionUrl, "Authorize test setup");
    assert.equal(
      await deliver(await sessionEvent(consent.checkoutSessionId!, "checkout.session.completed")),
      "processed",
    );
    const afterWebhook = (await findConsentById(consent.id))!;
    assert.equal(afterWebhook.status, "active");
    assert.match(afterWebhook.mandateId ?? "", /^mandate_/);

    const view = await completeCheckoutSetup(success.searchParams.get("session_id")!, result.customerId);
    assert.ok(view.kind === "record" && view.status === "active");
    assert.equal(view.mandateId, afterWebhook.mandateId);
    assert.equal(view.paymentMethodId, afterWebhook.paymentMethodId);
    assert.deepEqual(
      (await consentHistory(consent.id)).map((row) => [row.toStatus, row.source]),
      [
        ["pending", "consent_form"],
        ["active", "webhook"],
      ],
    );
    const charge = await chargeOffSession(consent.customer.stripeCustomerId!, view.paymentMethodId!);
    assert.equal(charge.status, "succeeded");
  });

  test("a failed authorization keeps the session open for another try, which completes it", async () => {
    const { result, sessionUrl, consent } = await started();
    const failed = await saveOnCheckoutPage(sessionUrl, "Fail test setup");
    assert.match(failed.pathname, /^\/c\/pay\/cs_test_/);
    assert.equal((await findConsentById(consent.id))!.status, "pending");
    const success = await saveOnCheckoutPage(sessionUrl, "Authorize test setup");
    const view = await completeCheckoutSetup(success.searchParams.get("session_id")!, result.customerId);
    assert.ok(view.kind === "record" && view.status === "active");
  });

  test("the return page is refused to another browser, an unknown session and a session of another consent", async () => {
    const { result, sessionUrl, consent } = await started();
    const success = await saveOnCheckoutPage(sessionUrl, "Authorize test setup");
    const sessionId = success.searchParams.get("session_id")!;
    assert.deepEqual(await completeCheckoutSetup(sessionId, null), { kind: "refused", reason: "other_session" });
    const other = await started();
    assert.deepEqual(await completeCheckoutSetup(sessionId, other.result.customerId), {
      kind: "refused",
      reason: "other_session",
    });
    assert.deepEqual(await completeCheckoutSetup("cs_test_unknown", result.customerId), {
      kind: "refused",
      reason: "unknown",
    });
    assert.equal((await findConsentById(consent.id))!.status, "pending");
  });

  test("an expired session marks the consent expired, from the webhook or the return page", async () => {
    const { result, consent } = await started();
    await h.sdk.checkout.sessions.expire(consent.checkoutSessionId!);
    assert.equal(
      await deliver(await sessionEvent(consent.checkoutSessionId!, "checkout.session.expired")),
      "processed",
    );
    const expired = (await findConsentById(consent.id))!;
    assert.equal(expired.status, "expired");
    assert.equal(expired.statusReason, "checkout session expired");
    const view = await completeCheckoutSetup(consent.checkoutSessionId!, result.customerId);
    assert.ok(view.kind === "record" && view.status === "expired");

    const second = await started();
    await h.sdk.checkout.sessions.expire(second.consent.checkoutSessionId!);
    const viewFirst = await completeCheckoutSetup(second.consent.checkoutSessionId!, second.result.customerId);
    assert.ok(viewFirst.kind === "record" && viewFirst.status === "expired");
    assert.equal(
      await deliver(await sessionEvent(second.consent.checkoutSessionId!, "checkout.session.expired")),
      "processed",
    );
    assert.deepEqual(
      (await consentHistory(second.consent.id)).map((row) => row.toStatus),
      ["pending", "expired"],
    );
  });

  test("Kakao Pay is not offered through Checkout: a clear refusal and no record", async () => {
    const input = form({ wallet: "kakao_pay" });
    const result = await startCheckoutSetup(input, BROWSER);
    assert.deepEqual(result, {
      ok: false,
      code: "checkout_wallet",
      error: "Stripe Checkout is offered for Amazon Pay only.",
    });
    assert.equal((await h.sdk.customers.list({ email: input.email })).data.length, 0);
  });
});
