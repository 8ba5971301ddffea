import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type Stripe from "stripe";
import {
  clickButton,
  eventsSince,
  harnessForFile,
  lastEventId,
  savedWallet,
  startReceiver,
  stripeError,
} from "./helpers.js";

const h = harnessForFile();

const SUCCESS = "https://merchant.example/save/checkout-return?session_id={CHECKOUT_SESSION_ID}";
const CANCEL = "https://merchant.example/save?wallet=amazon_pay";

async function setupSession(extra: Partial<Stripe.Checkout.SessionCreateParams> = {}, customerParams = {}) {
  const customer = await h.stripe.customers.create({ email: "checkout@example.com", ...customerParams });
  const session = await h.stripe.checkout.sessions.create({
    mode: "setup",
    currency: "usd",
    customer: customer.id,
    allowed_payment_method_types: ["amazon_pay"],
    success_url: SUCCESS,
    cancel_url: CANCEL,
    client_reference_id: "consent_123",
    ...extra,
  });
  return { customer, session };
}

/** What a browser does on the hosted page: choose a method and press "Save payment method". */
async function submitHostedPage(url: string, type = "amazon_pay", userAgent = "Mozilla/5.0 (CheckoutBrowser)") {
  const page = new URL(url);
  page.hash = "";
  const res = await fetch(page, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": userAgent },
    body: new URLSearchParams({ payment_method_type: type }).toString(),
  });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get("location") };
}

async function follow(location: string): Promise<{ status: number; location: string | null; html: string }> {
  const res = await fetch(location, { redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

describe("Checkout Sessions in setup mode", () => {
  test("create: an open session with a hosted url, no payment, expiring in 24 hours", async () => {
    const { customer, session } = await setupSession({ metadata: { consent_id: "c1" } });
    assert.match(session.id, /^cs_test_[A-Za-z0-9]{24}$/);
    assert.equal(session.object, "checkout.session");
    assert.equal(session.mode, "setup");
    assert.equal(session.status, "open");
    assert.equal(session.payment_status, "no_payment_required");
    assert.equal(session.customer, customer.id);
    assert.equal(session.currency, "usd");
    assert.deepEqual(session.payment_method_types, ["amazon_pay"]);
    assert.equal(session.setup_intent, null);
    assert.equal(session.client_reference_id, "consent_123");
    assert.equal(session.success_url, SUCCESS);
    assert.equal(session.ui_mode, "hosted_page");
    assert.deepEqual(session.metadata, { consent_id: "c1" });
    assert.equal(session.expires_at - session.created, 24 * 3600);
    assert.match(session.url ?? "", new RegExp(`^http://localhost:${h.emulator.port}/c/pay/${session.id}#`));
    const again = await h.stripe.checkout.sessions.retrieve(session.id);
    assert.deepEqual(again, session);
  });

  test("validation errors name the parameter and store nothing", async () => {
    const customer = await h.stripe.customers.create({ email: "bad-checkout@example.com" });
    const base = { customer: customer.id, success_url: SUCCESS, allowed_payment_method_types: ["amazon_pay"] };
    const cases: [Stripe.Checkout.SessionCreateParams, string][] = [
      [{ ...base }, "mode"],
      [{ ...base, mode: "payment" }, "mode"],
      [{ ...base, mode: "subscription" }, "mode"],
      [{ ...base, mode: "setup", success_url: undefined }, "success_url"],
      [{ ...base, mode: "setup", success_url: "not a url" }, "success_url"],
      [{ ...base, mode: "setup", cancel_url: "nope" }, "cancel_url"],
      [{ ...base, mode: "setup", customer: "cus_missing" }, "customer"],
      [{ ...base, mode: "setup", allowed_payment_method_types: ["card"] }, "allowed_payment_method_types[0]"],
      [{ ...base, mode: "setup", allowed_payment_method_types: ["bogus"] }, "allowed_payment_method_types[0]"],
      [
        { ...base, mode: "setup", currency: "usd", allowed_payment_method_types: ["kakao_pay"] },
        "allowed_payment_method_types[0]",
      ],
      [{ ...base, mode: "setup", expires_at: Math.floor(Date.now() / 1000) + 25 * 3600 }, "expires_at"],
      [{ ...base, mode: "setup", expires_at: Math.floor(Date.now() / 1000) + 60 }, "expires_at"],
      [{ ...base, mode: "setup", line_items: [{ price: "price_x", quantity: 1 }] }, "line_items"],
    ];
    for (const [params, param] of cases) {
      const error = await stripeError(h.stripe.checkout.sessions.create(params));
      assert.ok([400, 404].includes(error.statusCode ?? 0), `${param}: ${error.message}`);
      assert.equal(error.param, param, `${JSON.stringify(params)} → ${error.message}`);
    }
    assert.equal((await h.stripe.checkout.sessions.list({ customer: customer.id })).data.length, 0);
  });

  test("the hosted page shows the merchant, the method by name, Save payment method and Back", async () => {
    const { session } = await setupSession();
    const res = await fetch(session.url!);
    const html = await res.text();
    assert.equal(res.status, 200);
    assert.match(html, /Local test account/);
    assert.match(html, /checkout@example\.com/);
    assert.match(html, /<input type="radio" name="payment_method_type" value="amazon_pay" checked> Amazon Pay/);
    assert.match(html, /<button type="submit" class="primary">Save payment method<\/button>/);
    assert.ok(html.includes(`<a href="${CANCEL}">Back</a>`), html);
  });

  test("save → wallet page → authorize: complete, SetupIntent succeeded, method attached, active multi_use mandate", async () => {
    const receiver = await startReceiver();
    const endpoint = await h.stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ["checkout.session.completed"],
    });
    try {
      const { customer, session } = await setupSession({ setup_intent_data: { metadata: { consent_id: "c9" } } });
      const since = await lastEventId(h.stripe);
      const submitted = await submitHostedPage(session.url!);
      assert.equal(submitted.status, 303);
      assert.match(submitted.location ?? "", /\/redirect\/setup_intents\/seti_/);
      const open = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["setup_intent"] });
      assert.equal(open.status, "open");
      assert.equal((open.setup_intent as Stripe.SetupIntent).status, "requires_action");

      const authorized = await clickButton(submitted.location!, "Authorize test setup");
      assert.equal(authorized.status, 303);
      const back = await follow(authorized.location!);
      assert.equal(back.status, 303);
      assert.equal(back.location, `https://merchant.example/save/checkout-return?session_id=${session.id}`);

      const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["setup_intent"] });
      assert.equal(done.status, "complete");
      assert.equal(done.url, null);
      assert.equal(done.customer_details?.email, "checkout@example.com");
      const si = done.setup_intent as Stripe.SetupIntent;
      assert.equal(si.status, "succeeded");
      assert.equal(si.usage, "off_session");
      assert.equal(si.customer, customer.id);
      assert.deepEqual(si.metadata, { consent_id: "c9" });
      const pm = await h.stripe.paymentMethods.retrieve(si.payment_method as string);
      assert.equal(pm.type, "amazon_pay");
      assert.equal(pm.customer, customer.id);
      const mandate = await h.stripe.mandates.retrieve(si.mandate as string);
      assert.equal(mandate.status, "active");
      assert.equal(mandate.type, "multi_use");
      assert.equal(mandate.customer_acceptance.online?.user_agent, "Mozilla/5.0 (CheckoutBrowser)");

      const types = (await eventsSince(h.stripe, since)).map((e) => e.type);
      assert.ok(types.includes("setup_intent.succeeded"));
      assert.ok(types.indexOf("checkout.session.completed") > types.indexOf("setup_intent.succeeded"));
      await receiver.waitFor(1);
      const delivered = JSON.parse(receiver.received[0]!.body) as Stripe.Event;
      assert.equal(delivered.type, "checkout.session.completed");
      assert.equal((delivered.data.object as Stripe.Checkout.Session).id, session.id);
      assert.match(String(receiver.received[0]!.headers["stripe-signature"]), /^t=\d+,v1=[0-9a-f]{64}$/);

      // Completed: the old page says so, and cannot be submitted again.
      assert.match(await (await fetch(`${h.base}/c/pay/${session.id}`)).text(), /already complete/);
      await assert.rejects(h.stripe.checkout.sessions.expire(session.id), /status of complete/);
    } finally {
      await h.stripe.webhookEndpoints.del(endpoint.id);
      await receiver.close();
    }
  });

  test("a failed authorization returns to the hosted page with an error; trying again completes it", async () => {
    const { session } = await setupSession();
    const first = await submitHostedPage(session.url!);
    const failed = await clickButton(first.location!, "Fail test setup");
    const back = await follow(failed.location!);
    assert.equal(back.status, 200);
    assert.match(back.html, /could not be set up/);
    assert.match(back.html, /Save payment method/);
    assert.equal((await h.stripe.checkout.sessions.retrieve(session.id)).status, "open");

    const second = await submitHostedPage(session.url!);
    const authorized = await clickButton(second.location!, "Authorize test setup");
    assert.equal((await follow(authorized.location!)).location?.endsWith(session.id), true);
    const done = await h.stripe.checkout.sessions.retrieve(session.id);
    assert.equal(done.status, "complete");
    assert.equal((await h.stripe.setupIntents.list({ customer: done.customer as string })).data.length, 1);
  });

  test("expire: expired with checkout.session.expired, its page says so, expiring again is refused", async () => {
    const { session } = await setupSession();
    await submitHostedPage(session.url!);
    const since = await lastEventId(h.stripe);
    const expired = await h.stripe.checkout.sessions.expire(session.id);
    assert.equal(expired.status, "expired");
    assert.equal(expired.url, null);
    const events = await eventsSince(h.stripe, since);
    assert.deepEqual(
      events.map((e) => e.type),
      ["setup_intent.canceled", "checkout.session.expired"],
    );
    const page = await fetch(session.url!);
    assert.equal(page.status, 410);
    const html = await page.text();
    assert.match(html, /expired/);
    assert.ok(html.includes(`<a href="${CANCEL}">Back</a>`));
    const again = await stripeError(h.stripe.checkout.sessions.expire(session.id));
    assert.equal(again.statusCode, 400);
    assert.match(again.message, /status of expired/);
  });

  test("a session on a test clock expires when the clock passes expires_at", async () => {
    const start = Math.floor(Date.now() / 1000);
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: start });
    const { session } = await setupSession({}, { test_clock: clock.id });
    assert.equal(session.created, start);
    assert.equal(session.expires_at, start + 24 * 3600);
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: start + 23 * 3600 });
    assert.equal((await h.stripe.checkout.sessions.retrieve(session.id)).status, "open");
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: start + 25 * 3600 });
    assert.equal((await h.stripe.checkout.sessions.retrieve(session.id)).status, "expired");
  });

  test("list filters by customer and status and paginates, newest first", async () => {
    const customer = await h.stripe.customers.create({ email: "list-checkout@example.com" });
    const params = {
      mode: "setup" as const,
      customer: customer.id,
      success_url: SUCCESS,
      allowed_payment_method_types: ["amazon_pay" as const],
    };
    const a = await h.stripe.checkout.sessions.create(params);
    const b = await h.stripe.checkout.sessions.create(params);
    const c = await h.stripe.checkout.sessions.create(params);
    await h.stripe.checkout.sessions.expire(b.id);
    const all = await h.stripe.checkout.sessions.list({ customer: customer.id });
    assert.deepEqual(
      all.data.map((s) => s.id),
      [c.id, b.id, a.id],
    );
    const open = await h.stripe.checkout.sessions.list({ customer: customer.id, status: "open" });
    assert.deepEqual(
      open.data.map((s) => s.id),
      [c.id, a.id],
    );
    const page1 = await h.stripe.checkout.sessions.list({ customer: customer.id, limit: 2 });
    assert.equal(page1.has_more, true);
    const page2 = await h.stripe.checkout.sessions.list({ customer: customer.id, starting_after: page1.data[1]!.id });
    assert.deepEqual(
      page2.data.map((s) => s.id),
      [a.id],
    );
  });
});

describe("detaching a PaymentMethod is permanent", () => {
  test("a detached wallet can no longer be attached or charged", async () => {
    const { customer, paymentMethod } = await savedWallet(h.stripe, "amazon_pay");
    await h.stripe.paymentMethods.detach(paymentMethod);
    const attach = await stripeError(h.stripe.paymentMethods.attach(paymentMethod, { customer: customer.id }));
    assert.equal(attach.statusCode, 400);
    assert.equal(attach.param, "id");
    assert.match(attach.message, /detached/);
    const charge = await stripeError(
      h.stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        customer: customer.id,
        payment_method: paymentMethod,
        allowed_payment_method_types: ["amazon_pay"],
        confirm: true,
        off_session: true,
      }),
    );
    assert.equal(charge.statusCode, 400);
    assert.equal(charge.param, "payment_method");
    assert.match(charge.message, /detached/);
  });
});
