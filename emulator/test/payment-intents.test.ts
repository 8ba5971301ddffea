import { describe, test } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import type Stripe from "stripe";
import {
  api,
  clickButton,
  createWalletSetup,
  harnessForFile,
  MANDATE,
  openRedirectPage,
  redirectUrl,
  savedWallet,
  stripeError,
} from "./helpers.js";

const h = harnessForFile();

async function onSessionAmazonPay(
  extra: Partial<Stripe.PaymentIntentCreateParams> = {},
): Promise<Stripe.PaymentIntent> {
  return h.stripe.paymentIntents.create({
    amount: 1000,
    currency: "usd",
    allowed_payment_method_types: ["amazon_pay"],
    payment_method_data: { type: "amazon_pay" },
    return_url: "https://merchant.example/checkout/complete?order=7",
    confirm: true,
    ...extra,
  });
}

describe("on-session wallet payments (manual redirect)", () => {
  test("confirm=true → requires_action with a redirect to the payment page", async () => {
    const pi = await onSessionAmazonPay();
    assert.match(pi.id, /^pi_[A-Za-z0-9]{24}$/);
    assert.match(pi.client_secret ?? "", new RegExp(`^${pi.id}_secret_`));
    assert.equal(pi.status, "requires_action");
    assert.equal(pi.next_action?.type, "redirect_to_url");
    assert.match(redirectUrl(pi), new RegExp(`/redirect/payment_intents/${pi.id}\\?token=`));
    const page = await openRedirectPage(redirectUrl(pi));
    assert.match(page.html, /Amazon Pay/);
    assert.match(page.html, /\$10\.00/);
    assert.deepEqual(
      page.forms.map((f) => f.button),
      ["Authorize test payment", "Fail test payment"],
    );
  });

  test("authorize → succeeded and back to return_url with Stripe's parameters", async () => {
    const pi = await onSessionAmazonPay();
    const result = await clickButton(redirectUrl(pi), "Authorize test payment");
    assert.equal(result.status, 303);
    const location = new URL(result.location!);
    assert.equal(location.pathname, "/checkout/complete");
    assert.equal(location.searchParams.get("order"), "7");
    assert.equal(location.searchParams.get("payment_intent"), pi.id);
    assert.equal(location.searchParams.get("payment_intent_client_secret"), pi.client_secret);
    assert.equal(location.searchParams.get("redirect_status"), "succeeded");
    const done = await h.stripe.paymentIntents.retrieve(pi.id);
    assert.equal(done.status, "succeeded");
    assert.equal(done.amount_received, 1000);
    const ev = (await h.stripe.events.list({ type: "payment_intent.succeeded", limit: 1 })).data[0];
    assert.equal((ev.data.object as Stripe.PaymentIntent).id, pi.id);
  });

  test("fail → requires_payment_method with last_payment_error and redirect_status=failed", async () => {
    const pi = await onSessionAmazonPay();
    const result = await clickButton(redirectUrl(pi), "Fail test payment");
    assert.equal(new URL(result.location!).searchParams.get("redirect_status"), "failed");
    const failed = await h.stripe.paymentIntents.retrieve(pi.id);
    assert.equal(failed.status, "requires_payment_method");
    assert.equal(failed.last_payment_error?.code, "payment_intent_authentication_failure");
    const ev = (await h.stripe.events.list({ type: "payment_intent.payment_failed", limit: 1 })).data[0];
    assert.equal((ev.data.object as Stripe.PaymentIntent).id, pi.id);
  });

  test("a wallet confirm without return_url is rejected", async () => {
    const err = await stripeError(onSessionAmazonPay({ return_url: undefined }));
    assert.equal(err.param, "return_url");
  });

  test("Kakao Pay needs KRW; 100,000 KRW stays 100000 and shows as ₩100,000", async () => {
    const usd = await stripeError(
      h.stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        allowed_payment_method_types: ["kakao_pay"],
        payment_method_data: { type: "kakao_pay" },
        return_url: "https://merchant.example/",
        confirm: true,
      }),
    );
    assert.equal(usd.param, "currency");
    const krw = await h.stripe.paymentIntents.create({
      amount: 100000,
      currency: "krw",
      allowed_payment_method_types: ["kakao_pay"],
      payment_method_data: { type: "kakao_pay" },
      return_url: "https://merchant.example/",
      confirm: true,
    });
    assert.equal(krw.amount, 100000);
    const page = await openRedirectPage(redirectUrl(krw));
    assert.match(page.html, /Kakao Pay/);
    assert.match(page.html, /₩100,000/);
  });

  test("setup_future_usage=off_session saves the wallet with a mandate on authorize", async () => {
    const customer = await h.stripe.customers.create({ email: "sfu@example.com" });
    const pi = await onSessionAmazonPay({
      customer: customer.id,
      setup_future_usage: "off_session",
      mandate_data: MANDATE,
    });
    await clickButton(redirectUrl(pi), "Authorize test payment");
    const done = await h.stripe.paymentIntents.retrieve(pi.id, { expand: ["payment_method"] });
    const pm = done.payment_method as Stripe.PaymentMethod;
    assert.equal(pm.customer, customer.id);
    const later = await h.stripe.paymentIntents.create({
      amount: 500,
      currency: "usd",
      customer: customer.id,
      payment_method: pm.id,
      allowed_payment_method_types: ["amazon_pay"],
      off_session: true,
      confirm: true,
    });
    assert.equal(later.status, "succeeded");
  });
});

describe("off-session payments with a saved wallet", () => {
  test("an active mandate lets an off-session PaymentIntent succeed at once (seed 000)", async () => {
    const { customer, paymentMethod } = await savedWallet(h.stripe, "amazon_pay");
    const pi = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      customer: customer.id,
      payment_method: paymentMethod,
      allowed_payment_method_types: ["amazon_pay"],
      statement_descriptor: "test_statement",
      capture_method: "automatic",
      confirm: true,
      off_session: true,
    });
    assert.equal(pi.status, "succeeded");
    assert.equal(pi.amount_received, 1000);
    assert.equal(pi.payment_method, paymentMethod);
    assert.equal(pi.next_action, null);
    const list = await h.stripe.paymentIntents.list({ customer: customer.id });
    assert.deepEqual(
      list.data.map((p) => p.id),
      [pi.id],
    );
  });

  test("Kakao Pay off-session in KRW with its mandate succeeds", async () => {
    const { customer, paymentMethod, mandate } = await savedWallet(h.stripe, "kakao_pay");
    const pi = await h.stripe.paymentIntents.create({
      amount: 100000,
      currency: "krw",
      customer: customer.id,
      payment_method: paymentMethod,
      mandate,
      confirm: true,
      off_session: true,
    });
    assert.equal(pi.status, "succeeded");
    assert.equal(pi.amount_received, 100000);
  });

  test("without an active mandate the off-session charge fails with 402 authentication_required", async () => {
    // Set up for on-session use only: the wallet is attached, but no mandate lets it be charged off-session.
    const { customer, setupIntent } = await createWalletSetup(h.stripe, "amazon_pay", {
      usage: "on_session",
      mandate_data: undefined,
    });
    await clickButton(setupIntent.next_action!.redirect_to_url!.url!, "Authorize test setup");
    const done = await h.stripe.setupIntents.retrieve(setupIntent.id);
    assert.equal(done.mandate, null);
    const paymentMethod = done.payment_method as string;
    assert.equal((await h.stripe.paymentMethods.retrieve(paymentMethod)).customer, customer.id);
    const err = await stripeError(
      h.stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        customer: customer.id,
        payment_method: paymentMethod,
        confirm: true,
        off_session: true,
      }),
    );
    assert.equal(err.statusCode, 402);
    assert.equal(err.code, "authentication_required");
    const pi = (err.raw as { payment_intent: Stripe.PaymentIntent }).payment_intent;
    assert.equal(pi.status, "requires_payment_method");
    assert.equal(pi.last_payment_error?.code, "authentication_required");
    assert.equal((await h.stripe.paymentIntents.retrieve(pi.id)).status, "requires_payment_method");
    const ev = (await h.stripe.events.list({ type: "payment_intent.payment_failed", limit: 1 })).data[0];
    assert.equal((ev.data.object as Stripe.PaymentIntent).id, pi.id);
  });

  test("another customer's PaymentMethod is refused", async () => {
    const { paymentMethod } = await savedWallet(h.stripe, "amazon_pay");
    const stranger = await h.stripe.customers.create({});
    const err = await stripeError(
      h.stripe.paymentIntents.create({
        amount: 100,
        currency: "usd",
        customer: stranger.id,
        payment_method: paymentMethod,
        confirm: true,
        off_session: true,
      }),
    );
    assert.equal(err.param, "payment_method");
  });
});

describe("PaymentIntent lifecycle", () => {
  test("create without confirm, cancel, and no confirm after cancel", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 2000,
      currency: "eur",
      allowed_payment_method_types: ["amazon_pay"],
    });
    assert.equal(pi.status, "requires_payment_method");
    const canceled = await h.stripe.paymentIntents.cancel(pi.id, { cancellation_reason: "abandoned" });
    assert.equal(canceled.status, "canceled");
    assert.equal(typeof canceled.canceled_at, "number");
    const err = await stripeError(
      h.stripe.paymentIntents.confirm(pi.id, {
        payment_method_data: { type: "amazon_pay" },
        return_url: "https://x.example/",
      }),
    );
    assert.equal(err.code, "payment_intent_unexpected_state");
    const ev = (await h.stripe.events.list({ type: "payment_intent.canceled", limit: 1 })).data[0];
    assert.equal((ev.data.object as Stripe.PaymentIntent).id, pi.id);
  });

  test("payment_method_types is an unknown parameter in this API version", async () => {
    const res = await api(h.base, "POST", "/v1/payment_intents", {
      body: "amount=100&currency=usd&payment_method_types[]=amazon_pay",
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, "parameter_unknown");
    assert.equal(res.json.error.param, "payment_method_types");
  });

  test("amount and currency are required; off_session needs confirm", async () => {
    const missing = await stripeError(h.stripe.paymentIntents.create({ currency: "usd" } as never));
    assert.equal(missing.param, "amount");
    const res = await api(h.base, "POST", "/v1/payment_intents", { body: "amount=100&currency=usd&off_session=true" });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.param, "off_session");
  });

  test("Stripe.js confirmAmazonPayPayment and retrievePaymentIntent work with the publishable key", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1234,
      currency: "usd",
      allowed_payment_method_types: ["amazon_pay"],
    });
    const source = await (await fetch(`${h.base}/js/stripe.js`)).text();
    const assigned: string[] = [];
    const window: Record<string, unknown> = { location: { assign: (u: string) => assigned.push(u) } };
    vm.runInNewContext(source, { window, fetch });
    const stripeJs = (window.Stripe as (pk: string) => Record<string, (...a: unknown[]) => Promise<any>>)("pk_test_x");
    void stripeJs.confirmAmazonPayPayment(pi.client_secret, { return_url: "http://localhost:3000/paid" });
    for (let i = 0; i < 200 && assigned.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.match(assigned[0], new RegExp(`/redirect/payment_intents/${pi.id}`));
    const { paymentIntent } = await stripeJs.retrievePaymentIntent(pi.client_secret);
    assert.equal(paymentIntent.status, "requires_action");
    const wrong = await api(h.base, "GET", `/v1/payment_intents/${pi.id}?client_secret=nope`, { key: "pk_test_x" });
    assert.equal(wrong.status, 400);
  });
});
