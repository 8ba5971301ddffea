import { describe, test } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import type Stripe from "stripe";
import { api, clickButton, harnessForFile } from "./helpers.js";

const h = harnessForFile();

const PK = "pk_test_emulator";
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156 FakeBrowser";

interface StripeJs {
  confirmAmazonPaySetup(
    secret: string,
    data: object,
  ): Promise<{ error?: { type: string; code?: string; message: string; param?: string } }>;
  confirmKakaoPaySetup(
    secret: string,
    data: object,
  ): Promise<{ error?: { type: string; message: string; param?: string } }>;
  retrieveSetupIntent(secret: string): Promise<{ setupIntent?: Stripe.SetupIntent; error?: { message: string } }>;
  handleNextAction(opts: { clientSecret: string }): Promise<unknown>;
  elements(): unknown;
}

/** Loads the served stripe.js into a sandbox "browser" whose fetch sends a browser UA. */
async function loadStripeJs(): Promise<{ Stripe: (pk: string) => StripeJs; assigned: string[] }> {
  const source = await (await fetch(`${h.base}/js/stripe.js`)).text();
  const assigned: string[] = [];
  const browserFetch = (url: string, init: RequestInit = {}) =>
    fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), "User-Agent": BROWSER_UA } });
  const window: Record<string, unknown> = { location: { assign: (u: string) => assigned.push(u) } };
  vm.runInNewContext(source, { window, fetch: browserFetch });
  return { Stripe: window.Stripe as (pk: string) => StripeJs, assigned };
}

/** Resolves when the stand-in has navigated (its promise never settles then). */
async function navigation(assigned: string[], before: number): Promise<string> {
  for (let i = 0; i < 200 && assigned.length === before; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(assigned.length, before + 1, "expected window.location.assign");
  return assigned[before];
}

describe("Stripe.js stand-in", () => {
  test("is served as JavaScript with CORS and defines window.Stripe", async () => {
    const res = await fetch(`${h.base}/js/stripe.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^application\/javascript/);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    const { Stripe } = await loadStripeJs();
    assert.equal(typeof Stripe, "function");
    const stripe = Stripe(PK);
    for (const m of [
      "confirmAmazonPaySetup",
      "confirmKakaoPaySetup",
      "retrieveSetupIntent",
      "handleNextAction",
      "retrievePaymentIntent",
      "elements",
      "createToken",
      "createPaymentMethod",
      "confirmCardPayment",
    ]) {
      assert.equal(typeof (stripe as unknown as Record<string, unknown>)[m], "function", m);
    }
    assert.equal((Stripe as unknown as { version: string }).version, "endive");
  });

  test("confirmAmazonPaySetup with infer_from_client redirects, and the mandate records the browser's IP and UA", async () => {
    const customer = await h.stripe.customers.create({ email: "browser@example.com" });
    const si = await h.stripe.setupIntents.create({
      customer: customer.id,
      allowed_payment_method_types: ["amazon_pay"],
      payment_method_data: { type: "amazon_pay" },
      usage: "off_session",
    });
    const { Stripe, assigned } = await loadStripeJs();
    const stripe = Stripe(PK);
    void stripe.confirmAmazonPaySetup(si.client_secret!, {
      return_url: "http://localhost:3000/setup/complete",
      mandate_data: { customer_acceptance: { type: "online", online: { infer_from_client: true } } },
    });
    const url = await navigation(assigned, 0);
    assert.match(url, new RegExp(`/redirect/setup_intents/${si.id}\\?token=`));

    const retrieved = await stripe.retrieveSetupIntent(si.client_secret!);
    assert.equal(retrieved.setupIntent?.status, "requires_action");

    const back = await clickButton(url, "Authorize test setup");
    assert.match(back.location!, /^http:\/\/localhost:3000\/setup\/complete\?setup_intent=/);
    const done = await h.stripe.setupIntents.retrieve(si.id, { expand: ["mandate"] });
    assert.equal(done.status, "succeeded");
    const mandate = done.mandate as Stripe.Mandate;
    assert.equal(mandate.customer_acceptance.online?.user_agent, BROWSER_UA);
    assert.equal(mandate.customer_acceptance.online?.ip_address, "127.0.0.1");
  });

  test("confirm errors resolve { error } like Stripe.js", async () => {
    const si = await h.stripe.setupIntents.create({
      allowed_payment_method_types: ["kakao_pay"],
      usage: "off_session",
    });
    const { Stripe } = await loadStripeJs();
    const result = await Stripe(PK).confirmKakaoPaySetup(si.client_secret!, { return_url: "http://localhost:3000/x" });
    assert.equal(result.error?.type, "invalid_request_error");
    assert.equal(result.error?.param, "mandate_data");
    assert.match(result.error?.message ?? "", /mandate_data/);
  });

  test("handleNextAction follows a pending redirect", async () => {
    const si = await h.stripe.setupIntents.create({
      confirm: true,
      allowed_payment_method_types: ["kakao_pay"],
      payment_method_data: { type: "kakao_pay" },
      usage: "on_session",
      return_url: "http://localhost:3000/back",
    });
    const { Stripe, assigned } = await loadStripeJs();
    void Stripe(PK).handleNextAction({ clientSecret: si.client_secret! });
    assert.equal(await navigation(assigned, 0), si.next_action!.redirect_to_url!.url);
  });
});

describe("publishable key rules", () => {
  test("a publishable key cannot call secret-key endpoints", async () => {
    const res = await api(h.base, "GET", "/v1/customers", { key: PK });
    assert.equal(res.status, 401);
    assert.match(res.json.error.message, /publishable API key/);
    const create = await api(h.base, "POST", "/v1/setup_intents", { key: PK, body: "usage=off_session" });
    assert.equal(create.status, 401);
  });

  test("retrieving an intent needs its client_secret", async () => {
    const si = await h.stripe.setupIntents.create({ allowed_payment_method_types: ["amazon_pay"] });
    const ok = await api(h.base, "GET", `/v1/setup_intents/${si.id}?client_secret=${si.client_secret}`, { key: PK });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.id, si.id);
    const none = await api(h.base, "GET", `/v1/setup_intents/${si.id}`, { key: PK });
    assert.equal(none.status, 401);
    const wrong = await api(h.base, "GET", `/v1/setup_intents/${si.id}?client_secret=${si.id}_secret_wrong`, {
      key: PK,
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error.param, "client_secret");
    const missing = await api(h.base, "GET", `/v1/setup_intents/seti_missing?client_secret=x`, { key: PK });
    assert.equal(missing.status, 404);
  });

  test("confirming with a publishable key needs the matching client_secret", async () => {
    const si = await h.stripe.setupIntents.create({
      allowed_payment_method_types: ["amazon_pay"],
      usage: "on_session",
    });
    const body = "payment_method_data[type]=amazon_pay&return_url=http%3A%2F%2Flocalhost%3A3000%2F";
    const wrong = await api(h.base, "POST", `/v1/setup_intents/${si.id}/confirm`, {
      key: PK,
      body: `${body}&client_secret=${si.id}_secret_nope`,
    });
    assert.equal(wrong.status, 400);
    const ok = await api(h.base, "POST", `/v1/setup_intents/${si.id}/confirm`, {
      key: PK,
      body: `${body}&client_secret=${si.client_secret}`,
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.status, "requires_action");
  });
});
