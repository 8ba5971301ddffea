import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type Stripe from "stripe";
import {
  api,
  clickButton,
  createWalletSetup,
  harnessForFile,
  MANDATE,
  openRedirectPage,
  redirectUrl,
  stripeError,
} from "./helpers.js";

const h = harnessForFile();

for (const [wallet, name] of [
  ["amazon_pay", "Amazon Pay"],
  ["kakao_pay", "Kakao Pay"],
] as const) {
  describe(`${name} setup for future payments`, () => {
    test("confirm=true returns requires_action with a redirect_to_url to the emulator's page", async () => {
      const { setupIntent: si } = await createWalletSetup(h.stripe, wallet);
      assert.equal(si.status, "requires_action");
      assert.equal(si.usage, "off_session");
      assert.match(si.id, /^seti_[A-Za-z0-9]{24}$/);
      assert.match(si.client_secret ?? "", new RegExp(`^${si.id}_secret_[A-Za-z0-9]+$`));
      assert.equal(si.next_action?.type, "redirect_to_url");
      assert.equal(si.next_action?.redirect_to_url?.return_url, "https://merchant.example/return?plan=basic");
      assert.match(
        redirectUrl(si),
        new RegExp(`^http://localhost:${h.emulator.port}/redirect/setup_intents/${si.id}\\?token=`),
      );
      assert.match(si.latest_attempt as string, /^setatt_/);
      assert.deepEqual(si.payment_method_types, [wallet]);
      assert.deepEqual(si.allowed_payment_method_types, [wallet]);
      assert.equal(si.mandate, null);
    });

    test("the redirect page names the wallet and customer and offers both buttons", async () => {
      const { setupIntent: si } = await createWalletSetup(h.stripe, wallet);
      const page = await openRedirectPage(redirectUrl(si));
      assert.equal(page.status, 200);
      assert.match(page.html, new RegExp(name));
      assert.match(page.html, new RegExp(`${wallet}@example.com`));
      assert.match(page.html, /future payments/);
      assert.deepEqual(
        page.forms.map((f) => f.button),
        ["Authorize test setup", "Fail test setup"],
      );
    });

    test("authorize → succeeded, PaymentMethod attached, active multi-use mandate with the sent IP and UA", async () => {
      const { customer, setupIntent: si } = await createWalletSetup(h.stripe, wallet);
      const result = await clickButton(redirectUrl(si), "Authorize test setup");
      assert.equal(result.status, 303);
      const location = new URL(result.location!);
      assert.equal(location.origin + location.pathname, "https://merchant.example/return");
      assert.equal(location.searchParams.get("plan"), "basic");
      assert.equal(location.searchParams.get("setup_intent"), si.id);
      assert.equal(location.searchParams.get("setup_intent_client_secret"), si.client_secret);
      assert.equal(location.searchParams.get("redirect_status"), "succeeded");

      const done = await h.stripe.setupIntents.retrieve(si.id, {
        expand: ["payment_method", "mandate", "latest_attempt"],
      });
      assert.equal(done.status, "succeeded");
      assert.equal(done.next_action, null);
      const pm = done.payment_method as Stripe.PaymentMethod;
      assert.equal(pm.type, wallet);
      assert.deepEqual(pm[wallet], {});
      assert.equal(pm.customer, customer.id);
      const mandate = done.mandate as Stripe.Mandate;
      assert.equal(mandate.status, "active");
      assert.equal(mandate.type, "multi_use");
      assert.equal(mandate.payment_method, pm.id);
      assert.equal(mandate.payment_method_details.type, wallet);
      assert.equal(mandate.customer_acceptance.type, "online");
      assert.equal(mandate.customer_acceptance.online?.ip_address, "203.0.113.7");
      assert.equal(mandate.customer_acceptance.online?.user_agent, "Mozilla/5.0 (TestBrowser)");
      assert.equal(typeof mandate.customer_acceptance.accepted_at, "number");
      assert.equal((done.latest_attempt as Stripe.SetupAttempt).status, "succeeded");

      const listed = await h.stripe.customers.listPaymentMethods(customer.id, { type: wallet });
      assert.deepEqual(
        listed.data.map((p) => p.id),
        [pm.id],
      );
      const viaTopLevel = await h.stripe.paymentMethods.list({ customer: customer.id });
      assert.deepEqual(
        viaTopLevel.data.map((p) => p.id),
        [pm.id],
      );
      assert.equal((await h.stripe.mandates.retrieve(mandate.id)).status, "active");

      const types = (await h.stripe.events.list({ limit: 20 })).data
        .filter((e) => [si.id, pm.id].includes((e.data.object as { id: string }).id))
        .map((e) => e.type);
      assert.deepEqual(types, [
        "setup_intent.succeeded",
        "payment_method.attached",
        "setup_intent.requires_action",
        "setup_intent.created",
      ]);
    });

    test("fail → requires_payment_method with last_setup_error and redirect_status=failed", async () => {
      const { setupIntent: si } = await createWalletSetup(h.stripe, wallet);
      const result = await clickButton(redirectUrl(si), "Fail test setup");
      assert.equal(result.status, 303);
      const location = new URL(result.location!);
      assert.equal(location.searchParams.get("redirect_status"), "failed");
      assert.equal(location.searchParams.get("setup_intent"), si.id);
      const failed = await h.stripe.setupIntents.retrieve(si.id);
      assert.equal(failed.status, "requires_payment_method");
      assert.equal(failed.payment_method, null);
      assert.equal(failed.mandate, null);
      assert.equal(failed.last_setup_error?.code, "setup_intent_authentication_failure");
      assert.equal(failed.last_setup_error?.type, "invalid_request_error");
      const ev = (await h.stripe.events.list({ type: "setup_intent.setup_failed", limit: 1 })).data[0];
      assert.equal((ev.data.object as Stripe.SetupIntent).id, si.id);
    });
  });
}

describe("SetupIntent validation", () => {
  test("off_session wallet confirm without mandate_data is rejected (param mandate_data)", async () => {
    const customer = await h.stripe.customers.create({});
    const err = await stripeError(
      h.stripe.setupIntents.create({
        customer: customer.id,
        confirm: true,
        allowed_payment_method_types: ["amazon_pay"],
        payment_method_data: { type: "amazon_pay" },
        return_url: "https://merchant.example/return",
      }),
    );
    assert.equal(err.statusCode, 400);
    assert.equal(err.param, "mandate_data");
    assert.match(err.message, /mandate_data/);
    // Nothing was created by the rejected request.
    assert.equal((await h.stripe.setupIntents.list({ customer: customer.id })).data.length, 0);
  });

  test("confirming a redirect wallet without return_url is rejected (param return_url)", async () => {
    const err = await stripeError(
      h.stripe.setupIntents.create({
        confirm: true,
        allowed_payment_method_types: ["kakao_pay"],
        payment_method_data: { type: "kakao_pay" },
        mandate_data: MANDATE,
      }),
    );
    assert.equal(err.statusCode, 400);
    assert.equal(err.param, "return_url");
  });

  test("a payment_method_data type outside the allowed types is rejected", async () => {
    const err = await stripeError(
      h.stripe.setupIntents.create({
        allowed_payment_method_types: ["amazon_pay"],
        payment_method_data: { type: "kakao_pay" },
      }),
    );
    assert.equal(err.statusCode, 400);
    assert.equal(err.param, "payment_method_data[type]");
  });

  test("the pre-2026 payment_method_types[] parameter is unknown in this API version", async () => {
    const res = await api(h.base, "POST", "/v1/setup_intents", {
      body: "payment_method_types[]=amazon_pay&payment_method_data[type]=amazon_pay&usage=off_session",
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, "parameter_unknown");
    assert.equal(res.json.error.message, "Received unknown parameter: payment_method_types");
    const ok = await api(h.base, "POST", "/v1/setup_intents", {
      body: "allowed_payment_method_types[]=amazon_pay&payment_method_data[type]=amazon_pay&usage=off_session",
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.json.payment_method_types, ["amazon_pay"]);
    assert.equal(ok.json.status, "requires_confirmation");
    assert.match(ok.json.payment_method, /^pm_/);
  });

  test("the app's request shape (accepted_at, metadata, Idempotency-Key) is accepted and replayed", async () => {
    const customer = await h.stripe.customers.create({ email: "app-shape@example.com" });
    const params: Stripe.SetupIntentCreateParams = {
      customer: customer.id,
      confirm: true,
      usage: "off_session",
      allowed_payment_method_types: ["kakao_pay"],
      payment_method_data: { type: "kakao_pay" },
      mandate_data: {
        customer_acceptance: {
          type: "online",
          accepted_at: 1795000000,
          online: { ip_address: "203.0.113.9", user_agent: "Mozilla/5.0 (app)" },
        },
      },
      return_url: "http://localhost:3000/subscribe/return?consent=c1",
      metadata: { consent_id: "c1", app_customer_id: "u1" },
    };
    const a = await h.stripe.setupIntents.create(params, { idempotencyKey: "consent-c1-setup" });
    const b = await h.stripe.setupIntents.create(params, { idempotencyKey: "consent-c1-setup" });
    assert.equal(a.id, b.id);
    assert.equal(b.lastResponse.headers["idempotent-replayed"], "true");
    assert.deepEqual(a.metadata, { consent_id: "c1", app_customer_id: "u1" });
    await clickButton(a.next_action!.redirect_to_url!.url!, "Authorize test setup");
    const mandate = await h.stripe.mandates.retrieve((await h.stripe.setupIntents.retrieve(a.id)).mandate as string);
    assert.equal(mandate.customer_acceptance.accepted_at, 1795000000);
  });

  test("an unknown payment method type is rejected", async () => {
    const err = await stripeError(
      h.stripe.setupIntents.create({ allowed_payment_method_types: ["not_a_wallet" as never] }),
    );
    assert.equal(err.param, "allowed_payment_method_types[0]");
  });

  test("return_url without confirm is rejected", async () => {
    const err = await stripeError(h.stripe.setupIntents.create({ return_url: "https://merchant.example/" }));
    assert.equal(err.param, "return_url");
  });

  test("secret-key infer_from_client is rejected; it is for Stripe.js only", async () => {
    const res = await api(h.base, "POST", "/v1/setup_intents", {
      body:
        "confirm=true&allowed_payment_method_types[]=amazon_pay&payment_method_data[type]=amazon_pay&return_url=https%3A%2F%2Fm.example%2F" +
        "&mandate_data[customer_acceptance][type]=online&mandate_data[customer_acceptance][online][infer_from_client]=true",
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.param, "mandate_data[customer_acceptance][online][infer_from_client]");
  });

  test("missing user_agent in the online acceptance is parameter_missing", async () => {
    const err = await stripeError(
      h.stripe.setupIntents.create({
        confirm: true,
        allowed_payment_method_types: ["amazon_pay"],
        payment_method_data: { type: "amazon_pay" },
        return_url: "https://merchant.example/",
        mandate_data: { customer_acceptance: { type: "online", online: { ip_address: "198.51.100.1" } as never } },
      }),
    );
    assert.equal(err.code, "parameter_missing");
    assert.equal(err.param, "mandate_data[customer_acceptance][online][user_agent]");
  });
});

describe("SetupIntent lifecycle", () => {
  test("create without confirm, then confirm separately", async () => {
    const customer = await h.stripe.customers.create({ email: "two-step@example.com" });
    const si = await h.stripe.setupIntents.create({
      customer: customer.id,
      allowed_payment_method_types: ["amazon_pay"],
    });
    assert.equal(si.status, "requires_payment_method");
    assert.equal(si.usage, "off_session");
    const confirmed = await h.stripe.setupIntents.confirm(si.id, {
      payment_method_data: { type: "amazon_pay" },
      mandate_data: MANDATE,
      return_url: "https://merchant.example/done",
    });
    assert.equal(confirmed.status, "requires_action");
    const again = await stripeError(h.stripe.setupIntents.confirm(si.id, { payment_method_data: { type: "card" } }));
    assert.equal(again.statusCode, 400);
  });

  test("cancel sets canceled with the reason and records setup_intent.canceled", async () => {
    const si = await h.stripe.setupIntents.create({ allowed_payment_method_types: ["amazon_pay"] });
    const canceled = await h.stripe.setupIntents.cancel(si.id, { cancellation_reason: "abandoned" });
    assert.equal(canceled.status, "canceled");
    assert.equal(canceled.cancellation_reason, "abandoned");
    const err = await stripeError(h.stripe.setupIntents.cancel(si.id));
    assert.equal(err.code, "setup_intent_unexpected_state");
    const ev = (await h.stripe.events.list({ type: "setup_intent.canceled", limit: 1 })).data[0];
    assert.equal((ev.data.object as Stripe.SetupIntent).id, si.id);
  });

  test("the page for an intent that is no longer waiting says so and changes nothing", async () => {
    const { setupIntent: si } = await createWalletSetup(h.stripe, "amazon_pay");
    const url = redirectUrl(si);
    await clickButton(url, "Authorize test setup");
    const page = await openRedirectPage(url);
    assert.equal(page.status, 200);
    assert.match(page.html, /no longer waiting/);
    assert.match(page.html, /merchant\.example\/return/);
    assert.equal(page.forms.length, 0);
    const post = await fetch(url, {
      method: "POST",
      body: "action=fail",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    assert.equal(post.status, 409);
    assert.equal((await h.stripe.setupIntents.retrieve(si.id)).status, "succeeded");
  });

  test("an unknown intent's page is a 404 and a wrong token is refused", async () => {
    const missing = await fetch(`${h.base}/redirect/setup_intents/seti_nope?token=x`);
    assert.equal(missing.status, 404);
    const { setupIntent: si } = await createWalletSetup(h.stripe, "kakao_pay");
    const wrong = await fetch(`${h.base}/redirect/setup_intents/${si.id}?token=wrong`);
    assert.equal(wrong.status, 403);
  });

  test("list filters by customer", async () => {
    const { customer, setupIntent } = await createWalletSetup(h.stripe, "amazon_pay");
    const list = await h.stripe.setupIntents.list({ customer: customer.id });
    assert.deepEqual(
      list.data.map((s) => s.id),
      [setupIntent.id],
    );
  });
});

describe("detaching a saved wallet", () => {
  test("detach → payment_method.detached and mandate.updated (inactive)", async () => {
    const { customer, setupIntent: si } = await createWalletSetup(h.stripe, "amazon_pay");
    await clickButton(redirectUrl(si), "Authorize test setup");
    const done = await h.stripe.setupIntents.retrieve(si.id);
    const pmId = done.payment_method as string;
    const mandateId = done.mandate as string;

    const detached = await h.stripe.paymentMethods.detach(pmId);
    assert.equal(detached.customer, null);
    assert.equal((await h.stripe.mandates.retrieve(mandateId)).status, "inactive");
    assert.equal((await h.stripe.customers.listPaymentMethods(customer.id)).data.length, 0);

    const recent = (await h.stripe.events.list({ limit: 5 })).data;
    const detachedEvent = recent.find((e) => e.type === "payment_method.detached");
    const mandateEvent = recent.find((e) => e.type === "mandate.updated");
    assert.ok(detachedEvent && mandateEvent);
    assert.equal((detachedEvent.data.object as Stripe.PaymentMethod).id, pmId);
    assert.deepEqual(detachedEvent.data.previous_attributes, { customer: customer.id });
    assert.equal((mandateEvent.data.object as Stripe.Mandate).status, "inactive");
    assert.deepEqual(mandateEvent.data.previous_attributes, { status: "active" });
    assert.ok(detachedEvent.request?.id?.startsWith("req_"));

    const again = await stripeError(h.stripe.paymentMethods.detach(pmId));
    assert.equal(again.statusCode, 400);
  });

  test("attach and detach a PaymentMethod created directly", async () => {
    const customer = await h.stripe.customers.create({});
    const pm = await h.stripe.paymentMethods.create({ type: "kakao_pay" });
    assert.deepEqual(pm.kakao_pay, {});
    const attached = await h.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    assert.equal(attached.customer, customer.id);
    const retrieved = await h.stripe.customers.retrievePaymentMethod(customer.id, pm.id);
    assert.equal(retrieved.id, pm.id);
    const missing = await stripeError(h.stripe.paymentMethods.attach(pm.id, { customer: "cus_missing" }));
    assert.equal(missing.code, "resource_missing");
    assert.equal(missing.param, "customer");
  });

  test("listing payment methods needs a customer", async () => {
    const res = await api(h.base, "GET", "/v1/payment_methods");
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, "parameter_missing");
    assert.equal(res.json.error.param, "customer");
  });
});
