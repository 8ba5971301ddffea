import { describe, test } from "node:test";
import assert from "node:assert/strict";
import Stripe from "stripe";
import { api, clickButton, harnessForFile, openRedirectPage, stripeError } from "./helpers.js";
import { cardChargeOutcome, cardSetupOutcome } from "../cards.js";

const h = harnessForFile();

const PK = "pk_test_emulator";
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

function card(number: string) {
  return { number, exp_month: 12, exp_year: NEXT_YEAR, cvc: "123" };
}

/** Form body for a card confirm from the browser (Stripe.js sends raw card fields). */
function cardForm(number: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    "payment_method_data[type]": "card",
    "payment_method_data[card][number]": number,
    "payment_method_data[card][exp_month]": "12",
    "payment_method_data[card][exp_year]": String(NEXT_YEAR % 100),
    "payment_method_data[card][cvc]": "123",
    use_stripe_sdk: "true",
    ...extra,
  }).toString();
}

function challengeUrl(intent: Stripe.SetupIntent | Stripe.PaymentIntent): string {
  const next = intent.next_action;
  assert.ok(next, "expected a next_action");
  if (next.type === "redirect_to_url") return next.redirect_to_url!.url!;
  assert.equal(next.type, "use_stripe_sdk");
  const sdk = next.use_stripe_sdk as { type: string; stripe_js: string; source: string };
  assert.equal(sdk.type, "three_d_secure_redirect");
  assert.match(sdk.source, /^src_/);
  return sdk.stripe_js;
}

async function latestEventObjectId(type: Stripe.EventListParams["type"]): Promise<string> {
  const ev = (await h.stripe.events.list({ type, limit: 1 })).data[0];
  return (ev.data.object as { id: string }).id;
}

async function customer(email = "card@example.com"): Promise<Stripe.Customer> {
  return h.stripe.customers.create({ email });
}

async function cardPm(number: string): Promise<Stripe.PaymentMethod> {
  return h.stripe.paymentMethods.create({ type: "card", card: card(number) });
}

/** A customer with the card saved through an off_session SetupIntent (3DS completed if asked). */
async function savedCard(number: string): Promise<{ customer: Stripe.Customer; pm: string }> {
  const cus = await customer();
  const si = await h.stripe.setupIntents.create({
    customer: cus.id,
    confirm: true,
    usage: "off_session",
    payment_method_data: { type: "card", card: card(number) } as Stripe.SetupIntentCreateParams.PaymentMethodData,
  });
  if (si.status === "requires_action") {
    const r = await clickButton(challengeUrl(si), "Complete authentication");
    assert.equal(r.status, 200);
  }
  const done = await h.stripe.setupIntents.retrieve(si.id);
  assert.equal(done.status, "succeeded");
  return { customer: cus, pm: done.payment_method as string };
}

async function offSessionCharge(cus: string, pm: string): Promise<Stripe.PaymentIntent> {
  return h.stripe.paymentIntents.create({
    amount: 1500,
    currency: "usd",
    customer: cus,
    payment_method: pm,
    off_session: true,
    confirm: true,
  });
}

describe("card PaymentMethods", () => {
  test("type=card with raw card fields has Stripe's card hash", async () => {
    const pm = await cardPm("4242424242424242");
    assert.match(pm.id, /^pm_[A-Za-z0-9]{24}$/);
    assert.equal(pm.type, "card");
    assert.equal(pm.customer, null);
    const c = pm.card!;
    assert.equal(c.brand, "visa");
    assert.equal(c.display_brand, "visa");
    assert.equal(c.last4, "4242");
    assert.equal(c.exp_month, 12);
    assert.equal(c.exp_year, NEXT_YEAR);
    assert.equal(c.funding, "credit");
    assert.equal(c.country, "US");
    assert.match(c.fingerprint ?? "", /^[A-Za-z0-9]{16}$/);
    assert.deepEqual(c.checks, { address_line1_check: null, address_postal_code_check: null, cvc_check: "unchecked" });
    assert.deepEqual(c.networks, { available: ["visa"], preferred: null });
    assert.deepEqual(c.three_d_secure_usage, { supported: true });
    assert.equal(c.wallet, null);
    assert.equal(c.generated_from, null);
    assert.equal(c.regulated_status, "unregulated");
    const again = await cardPm("4242 4242 4242 4242");
    assert.equal(again.card!.fingerprint, c.fingerprint, "same number → same fingerprint");
    const amex = await h.stripe.paymentMethods.create({
      type: "card",
      card: { number: "378282246310005", exp_month: 1, exp_year: NEXT_YEAR, cvc: "1234" },
    });
    assert.equal(amex.card!.brand, "amex");
    assert.equal(amex.card!.display_brand, "american_express");
    assert.notEqual(amex.card!.fingerprint, c.fingerprint);
  });

  test("a publishable key may create a card PaymentMethod (Stripe.js does), nothing else", async () => {
    const body = new URLSearchParams({
      type: "card",
      "card[number]": "5555555555554444",
      "card[exp_month]": "4",
      "card[exp_year]": String(NEXT_YEAR),
      "card[cvc]": "321",
      "billing_details[name]": "Ada Lovelace",
    }).toString();
    const res = await api(h.base, "POST", "/v1/payment_methods", { key: PK, body });
    assert.equal(res.status, 200);
    assert.equal(res.json.card.brand, "mastercard");
    assert.equal(res.json.billing_details.name, "Ada Lovelace");
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    const read = await api(h.base, "GET", `/v1/payment_methods/${res.json.id}`, { key: PK });
    assert.equal(read.status, 401);
  });

  test("card validation errors", async () => {
    const bad = await stripeError(h.stripe.paymentMethods.create({ type: "card", card: card("4242424242424241") }));
    assert.ok(bad instanceof Stripe.errors.StripeCardError);
    assert.equal(bad.statusCode, 402);
    assert.equal(bad.code, "incorrect_number");
    assert.equal(bad.message, "Your card number is incorrect.");
    const short = await stripeError(h.stripe.paymentMethods.create({ type: "card", card: card("424242424242") }));
    assert.equal(short.code, "incorrect_number");
    const year = await stripeError(
      h.stripe.paymentMethods.create({
        type: "card",
        card: { ...card("4242424242424242"), exp_year: new Date().getUTCFullYear() - 1 },
      }),
    );
    assert.equal(year.type, "StripeCardError");
    assert.equal(year.code, "invalid_expiry_year");
    const month = await stripeError(
      h.stripe.paymentMethods.create({ type: "card", card: { ...card("4242424242424242"), exp_month: 13 } }),
    );
    assert.equal(month.code, "invalid_expiry_month");
    const now = new Date();
    if (now.getUTCMonth() > 0) {
      const past = await stripeError(
        h.stripe.paymentMethods.create({
          type: "card",
          card: { ...card("4242424242424242"), exp_month: now.getUTCMonth(), exp_year: now.getUTCFullYear() },
        }),
      );
      assert.equal(past.code, "invalid_expiry_month");
    }
    const cvc = await stripeError(
      h.stripe.paymentMethods.create({ type: "card", card: { ...card("4242424242424242"), cvc: "12" } }),
    );
    assert.equal(cvc.code, "invalid_cvc");
    const missing = await stripeError(
      h.stripe.paymentMethods.create({ type: "card", card: { exp_month: 1, exp_year: NEXT_YEAR } }),
    );
    assert.equal(missing.code, "parameter_missing");
    assert.equal(missing.param, "card[number]");
    // The same checks apply to payment_method_data, before anything is created.
    const before = (await h.stripe.setupIntents.list({ limit: 100 })).data.length;
    const viaIntent = await stripeError(
      h.stripe.setupIntents.create({
        confirm: true,
        payment_method_data: {
          type: "card",
          card: card("4000000000000000"),
        } as Stripe.SetupIntentCreateParams.PaymentMethodData,
      }),
    );
    assert.equal(viaIntent.code, "incorrect_number");
    assert.equal((await h.stripe.setupIntents.list({ limit: 100 })).data.length, before);
  });

  test("card[token] accepts tok_* test tokens", async () => {
    const pm = await h.stripe.paymentMethods.create({ type: "card", card: { token: "tok_mastercard" } });
    assert.equal(pm.card!.brand, "mastercard");
    assert.equal(pm.card!.last4, "4444");
    const err = await stripeError(h.stripe.paymentMethods.create({ type: "card", card: { token: "tok_nope" } }));
    assert.equal(err.code, "resource_missing");
  });

  test("attach runs the card check: declining cards fail, 0341 attaches", async () => {
    const cus = await customer();
    const declined = await cardPm("4000000000009995");
    const err = await stripeError(h.stripe.paymentMethods.attach(declined.id, { customer: cus.id }));
    assert.ok(err instanceof Stripe.errors.StripeCardError);
    assert.equal(err.code, "card_declined");
    assert.equal(err.decline_code, "insufficient_funds");
    assert.equal((await h.stripe.paymentMethods.retrieve(declined.id)).customer, null);
    const chargeFail = await cardPm("4000000000000341");
    const attached = await h.stripe.paymentMethods.attach(chargeFail.id, { customer: cus.id });
    assert.equal(attached.customer, cus.id);
    const auth = await cardPm("4000002500003155");
    assert.equal((await h.stripe.paymentMethods.attach(auth.id, { customer: cus.id })).customer, cus.id);
  });
});

describe("pm_card_* shortcuts", () => {
  test("each use creates a fresh pm_… clone", async () => {
    const cus = await customer();
    const a = await h.stripe.paymentMethods.attach("pm_card_visa", { customer: cus.id });
    const b = await h.stripe.paymentMethods.attach("pm_card_visa", { customer: cus.id });
    assert.match(a.id, /^pm_[A-Za-z0-9]{24}$/);
    assert.notEqual(a.id, b.id);
    assert.equal(a.card!.last4, "4242");
    assert.equal(a.customer, cus.id);
    const listed = await h.stripe.customers.listPaymentMethods(cus.id);
    assert.deepEqual(new Set(listed.data.map((p) => p.id)), new Set([a.id, b.id]));
    const ev = (await h.stripe.events.list({ type: "payment_method.attached", limit: 1 })).data[0];
    assert.equal((ev.data.object as Stripe.PaymentMethod).id, b.id);
  });

  test("customer create with payment_method attaches a clone", async () => {
    const cus = await h.stripe.customers.create({
      email: "shortcut@example.com",
      payment_method: "pm_card_mastercard",
    });
    const pms = await h.stripe.customers.listPaymentMethods(cus.id);
    assert.equal(pms.data.length, 1);
    assert.equal(pms.data[0].card!.brand, "mastercard");
  });

  test("as payment_method on SetupIntent and PaymentIntent create/confirm", async () => {
    const cus = await customer();
    const si = await h.stripe.setupIntents.create({ customer: cus.id, payment_method: "pm_card_visa", confirm: true });
    assert.equal(si.status, "succeeded");
    assert.match(si.payment_method as string, /^pm_[A-Za-z0-9]{24}$/);
    const pm = await h.stripe.paymentMethods.retrieve(si.payment_method as string);
    assert.equal(pm.customer, cus.id);

    const pi = await h.stripe.paymentIntents.create({ amount: 500, currency: "usd" });
    const confirmed = await h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_amex" });
    assert.equal(confirmed.status, "succeeded");
    assert.equal(confirmed.amount_received, 500);
    assert.equal((await h.stripe.paymentMethods.retrieve(confirmed.payment_method as string)).card!.brand, "amex");

    const updated = await h.stripe.paymentIntents.update(
      (await h.stripe.paymentIntents.create({ amount: 700, currency: "usd" })).id,
      { payment_method: "pm_card_visa" },
    );
    assert.equal(updated.status, "requires_confirmation");
    assert.match(updated.payment_method as string, /^pm_[A-Za-z0-9]{24}$/);
  });

  test("unknown pm_card_* ids are 404s", async () => {
    const err = await stripeError(
      h.stripe.paymentIntents.create({ amount: 500, currency: "usd", payment_method: "pm_card_nope", confirm: true }),
    );
    assert.equal(err.code, "resource_missing");
    assert.equal(err.param, "payment_method");
  });
});

describe("SetupIntents with cards", () => {
  test("4242 → succeeded, attached, set up; events and the SetupAttempt", async () => {
    const cus = await customer();
    const si = await h.stripe.setupIntents.create({
      customer: cus.id,
      confirm: true,
      usage: "off_session",
      payment_method_data: {
        type: "card",
        card: card("4242424242424242"),
      } as Stripe.SetupIntentCreateParams.PaymentMethodData,
    });
    assert.equal(si.status, "succeeded");
    assert.equal(si.next_action, null);
    const pm = await h.stripe.paymentMethods.retrieve(si.payment_method as string);
    assert.equal(pm.customer, cus.id);
    const attempts = await h.stripe.setupAttempts.list({ setup_intent: si.id });
    assert.equal(attempts.data[0].status, "succeeded");
    assert.equal(attempts.data[0].payment_method_details.card?.last4, "4242");
    const types = (await h.stripe.events.list({ limit: 4 })).data.map((e) => e.type);
    assert.deepEqual(types.slice(0, 3), ["setup_intent.succeeded", "payment_method.attached", "setup_intent.created"]);
  });

  test("3155 through the publishable key → requires_action (use_stripe_sdk); Complete authentication → succeeded", async () => {
    const cus = await customer();
    const si = await h.stripe.setupIntents.create({ customer: cus.id, usage: "off_session" });
    const res = await api(h.base, "POST", `/v1/setup_intents/${si.id}/confirm`, {
      key: PK,
      body: `${cardForm("4000002500003155")}&client_secret=${si.client_secret}`,
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.status, "requires_action");
    assert.equal(res.json.next_action.type, "use_stripe_sdk");
    const url = challengeUrl(res.json);
    assert.match(url, new RegExp(`^${h.emulator.url}/3ds/${si.id}\\?token=`));
    assert.equal(await latestEventObjectId("setup_intent.requires_action"), si.id);

    const page = await openRedirectPage(url);
    assert.equal(page.status, 200);
    assert.match(page.html, /visa •••• 3155/);
    assert.deepEqual(
      page.forms.map((f) => f.button),
      ["Complete authentication", "Fail authentication"],
    );
    const done = await clickButton(url, "Complete authentication");
    assert.equal(done.status, 200);
    const after = await h.stripe.setupIntents.retrieve(si.id);
    assert.equal(after.status, "succeeded");
    assert.equal(after.next_action, null);
    assert.equal((await h.stripe.paymentMethods.retrieve(after.payment_method as string)).customer, cus.id);
    const attempt = (await h.stripe.setupAttempts.list({ setup_intent: si.id })).data[0];
    assert.equal(attempt.payment_method_details.card?.three_d_secure?.result, "authenticated");
    // The link is spent.
    assert.equal((await openRedirectPage(url)).status, 200);
    assert.equal((await fetch(url.replace(/token=.*/, "token=x"), { method: "POST" })).status, 409);
  });

  test("Fail authentication → requires_payment_method, setup_intent_authentication_failure, method detached", async () => {
    const si = await h.stripe.setupIntents.create({
      confirm: true,
      payment_method: "pm_card_threeDSecure2Required",
    });
    assert.equal(si.status, "requires_action");
    const r = await clickButton(challengeUrl(si), "Fail authentication");
    assert.equal(r.status, 200);
    const failed = await h.stripe.setupIntents.retrieve(si.id);
    assert.equal(failed.status, "requires_payment_method");
    assert.equal(failed.payment_method, null);
    assert.equal(failed.last_setup_error?.code, "setup_intent_authentication_failure");
    assert.equal(await latestEventObjectId("setup_intent.setup_failed"), si.id);
  });

  test("9995 → 402 card_declined with the SetupIntent; requires_payment_method with last_setup_error", async () => {
    const cus = await customer();
    const err = await stripeError(
      h.stripe.setupIntents.create({
        customer: cus.id,
        confirm: true,
        payment_method_data: {
          type: "card",
          card: card("4000000000009995"),
        } as Stripe.SetupIntentCreateParams.PaymentMethodData,
      }),
    );
    assert.ok(err instanceof Stripe.errors.StripeCardError);
    assert.equal(err.statusCode, 402);
    assert.equal(err.code, "card_declined");
    assert.equal(err.decline_code, "insufficient_funds");
    assert.equal(err.message, "Your card was declined.");
    const si = err.setup_intent!;
    assert.equal(si.status, "requires_payment_method");
    assert.equal(si.payment_method, null);
    assert.equal(si.last_setup_error?.type, "card_error");
    assert.equal(si.last_setup_error?.code, "card_declined");
    assert.equal(si.last_setup_error?.decline_code, "insufficient_funds");
    assert.equal(si.last_setup_error?.message, "Your card was declined.");
    assert.equal(si.last_setup_error?.payment_method?.card?.last4, "9995");
    assert.equal((await h.stripe.customers.listPaymentMethods(cus.id)).data.length, 0);
    assert.equal(await latestEventObjectId("setup_intent.setup_failed"), si.id);
    // The same through a publishable key: 402 with the intent in the error.
    const pkSi = await h.stripe.setupIntents.create({});
    const res = await api(h.base, "POST", `/v1/setup_intents/${pkSi.id}/confirm`, {
      key: PK,
      body: `${cardForm("4000000000009995")}&client_secret=${pkSi.client_secret}`,
    });
    assert.equal(res.status, 402);
    assert.equal(res.json.error.setup_intent.id, pkSi.id);
    assert.equal(res.json.error.decline_code, "insufficient_funds");
  });

  test("0341 sets up fine", async () => {
    const { pm } = await savedCard("4000000000000341");
    assert.match(pm, /^pm_/);
  });
});

describe("PaymentIntents with cards", () => {
  test("4242 on-session → succeeded; setup_future_usage attaches and sets the card up", async () => {
    const cus = await customer();
    const pi = await h.stripe.paymentIntents.create({
      amount: 2000,
      currency: "usd",
      customer: cus.id,
      payment_method: "pm_card_authenticationRequiredOnSetup",
      setup_future_usage: "off_session",
      confirm: true,
    });
    assert.equal(pi.status, "requires_action");
    assert.equal(await latestEventObjectId("payment_intent.requires_action"), pi.id);
    await clickButton(challengeUrl(pi), "Complete authentication");
    const paid = await h.stripe.paymentIntents.retrieve(pi.id);
    assert.equal(paid.status, "succeeded");
    assert.equal(paid.amount_received, 2000);
    const pm = paid.payment_method as string;
    assert.equal((await h.stripe.paymentMethods.retrieve(pm)).customer, cus.id);
    // Set up for off-session use by that payment: a later off-session charge succeeds.
    assert.equal((await offSessionCharge(cus.id, pm)).status, "succeeded");

    const plain = await h.stripe.paymentIntents.create({
      amount: 100,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
    });
    assert.equal(plain.status, "succeeded");
  });

  test("a decline is a 402 StripeCardError carrying the PaymentIntent", async () => {
    const err = await stripeError(
      h.stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_visa_chargeDeclinedInsufficientFunds",
        confirm: true,
      }),
    );
    assert.ok(err instanceof Stripe.errors.StripeCardError);
    assert.equal(err.statusCode, 402);
    assert.equal(err.code, "card_declined");
    assert.equal(err.decline_code, "insufficient_funds");
    assert.equal(err.message, "Your card has insufficient funds.");
    const pi = err.payment_intent!;
    assert.match(pi.id, /^pi_/);
    assert.equal(pi.status, "requires_payment_method");
    assert.equal(pi.payment_method, null);
    assert.equal(pi.last_payment_error?.type, "card_error");
    assert.equal(pi.last_payment_error?.decline_code, "insufficient_funds");
    assert.equal(pi.last_payment_error?.payment_method?.card?.last4, "9995");
    assert.equal(err.payment_method?.card?.last4, "9995");
    assert.equal((await h.stripe.paymentIntents.retrieve(pi.id)).status, "requires_payment_method");
    assert.equal(await latestEventObjectId("payment_intent.payment_failed"), pi.id);

    // Retrying the same PaymentIntent with a good card succeeds.
    const retried = await h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
    assert.equal(retried.status, "succeeded");
  });

  test("publishable-key confirm with raw card data; 3DS via use_stripe_sdk; the JSON endpoint", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 4200, currency: "eur", description: "Order 9" });
    const res = await api(h.base, "POST", `/v1/payment_intents/${pi.id}/confirm`, {
      key: PK,
      body: `${cardForm("4000000000003220")}&client_secret=${pi.client_secret}`,
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.status, "requires_action");
    const url = new URL(challengeUrl(res.json));
    const page = await openRedirectPage(url.toString());
    assert.match(page.html, /€42\.00/);
    assert.match(page.html, /Order 9/);
    const endpoint = `${h.base}/3ds/${pi.id}/complete`;
    const wrong = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "token=nope",
    });
    assert.equal(wrong.status, 403);
    const ok = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `token=${url.searchParams.get("token")}`,
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("access-control-allow-origin"), "*");
    assert.deepEqual(await ok.json(), { id: pi.id, object: "payment_intent", status: "succeeded" });
    const again = await fetch(endpoint, { method: "POST", body: `token=${url.searchParams.get("token")}` });
    assert.equal(again.status, 409);
  });

  test("Fail authentication → payment_intent_authentication_failure", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 800,
      currency: "usd",
      payment_method: "pm_card_authenticationRequired",
      confirm: true,
    });
    assert.equal(pi.status, "requires_action");
    const url = new URL(challengeUrl(pi));
    const res = await fetch(`${h.base}/3ds/${pi.id}/fail`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: url.searchParams.get("token") }),
    });
    assert.equal(res.status, 200);
    const failed = await h.stripe.paymentIntents.retrieve(pi.id);
    assert.equal(failed.status, "requires_payment_method");
    assert.equal(failed.payment_method, null);
    assert.equal(failed.last_payment_error?.code, "payment_intent_authentication_failure");
  });

  test("3178: authenticated, then declined for insufficient funds", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 800,
      currency: "usd",
      payment_method: "pm_card_authenticationRequiredChargeDeclinedInsufficientFunds",
      confirm: true,
    });
    await clickButton(challengeUrl(pi), "Complete authentication");
    const after = await h.stripe.paymentIntents.retrieve(pi.id);
    assert.equal(after.status, "requires_payment_method");
    assert.equal(after.last_payment_error?.decline_code, "insufficient_funds");
  });

  test("server-side confirm with a return_url redirects through the 3DS page", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 900,
      currency: "usd",
      payment_method: "pm_card_threeDSecureRequired",
      return_url: "https://merchant.example/done?order=3",
      confirm: true,
    });
    assert.equal(pi.next_action?.type, "redirect_to_url");
    const back = await clickButton(challengeUrl(pi), "Complete authentication");
    assert.equal(back.status, 303);
    const location = new URL(back.location!);
    assert.equal(location.searchParams.get("order"), "3");
    assert.equal(location.searchParams.get("payment_intent"), pi.id);
    assert.equal(location.searchParams.get("redirect_status"), "succeeded");
    assert.equal((await h.stripe.paymentIntents.retrieve(pi.id)).status, "succeeded");
  });

  test("error_on_requires_action turns a challenge into a 402", async () => {
    const err = await stripeError(
      h.stripe.paymentIntents.create({
        amount: 900,
        currency: "usd",
        payment_method: "pm_card_threeDSecure2Required",
        confirm: true,
        error_on_requires_action: true,
      }),
    );
    assert.equal(err.code, "authentication_required");
    assert.equal(err.payment_intent?.status, "requires_payment_method");
  });
});

describe("off-session card charges", () => {
  test("4242 saved → succeeded", async () => {
    const { customer: cus, pm } = await savedCard("4242424242424242");
    const pi = await offSessionCharge(cus.id, pm);
    assert.equal(pi.status, "succeeded");
    assert.equal(pi.amount_received, 1500);
  });

  test("3155 set up off-session → succeeded; only attached → 402 authentication_required", async () => {
    const { customer: cus, pm } = await savedCard("4000002500003155");
    assert.equal((await offSessionCharge(cus.id, pm)).status, "succeeded");

    const other = await customer();
    const attached = await h.stripe.paymentMethods.attach("pm_card_authenticationRequiredOnSetup", {
      customer: other.id,
    });
    const err = await stripeError(offSessionCharge(other.id, attached.id));
    assert.ok(err instanceof Stripe.errors.StripeCardError);
    assert.equal(err.code, "authentication_required");
    assert.equal(err.decline_code, "authentication_required");
    assert.equal(err.payment_intent?.status, "requires_payment_method");
    assert.equal(err.payment_intent?.last_payment_error?.code, "authentication_required");
    assert.equal(err.payment_intent?.last_payment_error?.payment_method?.id, attached.id);
  });

  test("3155 set up with usage=on_session is not set up for off-session use", async () => {
    const cus = await customer();
    const si = await h.stripe.setupIntents.create({
      customer: cus.id,
      usage: "on_session",
      payment_method: "pm_card_authenticationRequiredOnSetup",
      confirm: true,
    });
    await clickButton(challengeUrl(si), "Complete authentication");
    const pm = (await h.stripe.setupIntents.retrieve(si.id)).payment_method as string;
    assert.equal((await stripeError(offSessionCharge(cus.id, pm))).code, "authentication_required");
  });

  test("3184 always needs the customer, even after setup", async () => {
    const { customer: cus, pm } = await savedCard("4000002760003184");
    assert.equal((await stripeError(offSessionCharge(cus.id, pm))).code, "authentication_required");
  });

  test("0341 sets up, then every charge declines; 9995 cannot be saved", async () => {
    const { customer: cus, pm } = await savedCard("4000000000000341");
    const err = await stripeError(offSessionCharge(cus.id, pm));
    assert.equal(err.code, "card_declined");
    assert.equal(err.decline_code, "generic_decline");
    assert.equal(err.payment_intent?.last_payment_error?.message, "Your card was declined.");

    const other = await customer();
    const declined = await stripeError(
      h.stripe.paymentMethods.attach("pm_card_visa_chargeDeclinedInsufficientFunds", { customer: other.id }),
    );
    assert.equal(declined.decline_code, "insufficient_funds");
  });

  test("off_session needs a saved payment_method, not card data", async () => {
    const err = await stripeError(
      h.stripe.paymentIntents.create({
        amount: 100,
        currency: "usd",
        off_session: true,
        confirm: true,
        payment_method_data: {
          type: "card",
          card: card("4242424242424242"),
        } as Stripe.PaymentIntentCreateParams.PaymentMethodData,
      }),
    );
    assert.equal(err.param, "off_session");
  });
});

describe("cardChargeOutcome (the contract renewals rely on)", () => {
  test("outcomes per test card", async () => {
    const make = (n: string) => cardPm(n);
    const visa = await make("4242424242424242");
    const onSetup = await make("4000002500003155");
    const always = await make("4000002760003184");
    const insufficient = await make("4000000000009995");
    const customerFail = await make("4000000000000341");
    const off = { offSession: true, setUpForOffSession: false };
    const offSetUp = { offSession: true, setUpForOffSession: true };
    const on = { offSession: false, setUpForOffSession: false };
    assert.deepEqual(cardChargeOutcome(visa, off), { ok: true });
    assert.deepEqual(cardChargeOutcome(onSetup, on), { requiresAction: true });
    assert.deepEqual(cardChargeOutcome(onSetup, { ...on, authenticated: true }), { ok: true });
    assert.equal((cardChargeOutcome(onSetup, off) as { code: string }).code, "authentication_required");
    assert.deepEqual(cardChargeOutcome(onSetup, offSetUp), { ok: true });
    assert.equal((cardChargeOutcome(always, offSetUp) as { code: string }).code, "authentication_required");
    assert.deepEqual(cardChargeOutcome(insufficient, offSetUp), {
      ok: false,
      code: "card_declined",
      decline_code: "insufficient_funds",
      message: "Your card has insufficient funds.",
    });
    assert.equal(
      (cardChargeOutcome(customerFail, offSetUp) as { decline_code: string }).decline_code,
      "generic_decline",
    );
    assert.deepEqual(cardSetupOutcome(customerFail), { ok: true });
    assert.deepEqual(cardSetupOutcome(onSetup), { requiresAction: true });
  });
});
