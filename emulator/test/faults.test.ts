import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { api, harnessForFile, stripeError } from "./helpers.js";

const h = harnessForFile();

async function inject(fault: {
  method: string;
  path: string;
  kind: "500" | "timeout" | "decline";
  times?: number;
  declineCode?: string;
}): Promise<void> {
  const res = await fetch(`${h.base}/_emulator/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(fault),
  });
  assert.equal(res.status, 200);
}

describe("control endpoints", () => {
  test("health answers ok", async () => {
    const res = await fetch(`${h.base}/_emulator/health`);
    assert.deepEqual(await res.json(), { ok: true });
  });

  test("reset clears all objects", async () => {
    const c = await h.stripe.customers.create({});
    const res = await fetch(`${h.base}/_emulator/reset`, { method: "POST" });
    assert.equal(res.status, 200);
    assert.equal((await stripeError(h.stripe.customers.retrieve(c.id))).code, "resource_missing");
  });

  test("reset can keep the account's configuration: endpoints keep delivering with their secret, prices stay", async () => {
    const price = await h.stripe.prices.create({ currency: "usd", unit_amount: 700, product_data: { name: "Kept" } });
    const endpoint = await h.stripe.webhookEndpoints.create({ url: "http://127.0.0.1:9/hook", enabled_events: ["*"] });
    const customer = await h.stripe.customers.create({});
    const res = await fetch(`${h.base}/_emulator/reset`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ keep: ["webhookEndpoints", "products", "prices"] }),
    });
    assert.equal(res.status, 200);
    assert.equal((await h.stripe.prices.retrieve(price.id)).unit_amount, 700);
    assert.equal((await h.stripe.webhookEndpoints.retrieve(endpoint.id)).url, "http://127.0.0.1:9/hook");
    assert.equal((await stripeError(h.stripe.customers.retrieve(customer.id))).code, "resource_missing");
    await h.stripe.webhookEndpoints.del(endpoint.id);
  });

  test("reset refuses to keep a collection it does not know", async () => {
    const res = await fetch(`${h.base}/_emulator/reset`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ keep: ["everything"] }),
    });
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /keep must list collections among: customers/);
  });

  test("a malformed fault is refused", async () => {
    const res = await fetch(`${h.base}/_emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "boom" }),
      headers: { "Content-Type": "application/json" },
    });
    assert.equal(res.status, 400);
  });
});

describe("fault injection", () => {
  test("a 500 fault fails the next matching request once with an api_error", async () => {
    await inject({ method: "POST", path: "/v1/customers", kind: "500" });
    const noRetry = h.sdk({ maxNetworkRetries: 0 });
    const err = await stripeError(noRetry.customers.create({ email: "fault@example.com" }));
    assert.equal(err.statusCode, 500);
    assert.equal(err.type, "StripeAPIError");
    const ok = await noRetry.customers.create({ email: "fault@example.com" });
    assert.match(ok.id, /^cus_/);
  });

  test("the 500 is not stored: the SDK's automatic retry with the same key executes once", async () => {
    await inject({ method: "POST", path: "/v1/customers", kind: "500" });
    const customer = await h.sdk({ maxNetworkRetries: 2 }).customers.create({ email: "retried@example.com" });
    assert.match(customer.id, /^cus_/);
    const list = await h.stripe.customers.list({ email: "retried@example.com" });
    assert.equal(list.data.length, 1);
  });

  test("a manual retry with the same Idempotency-Key after a 500 executes", async () => {
    await inject({ method: "POST", path: "/v1/products", kind: "500" });
    const headers = { "Idempotency-Key": "fault-retry-1" };
    const first = await api(h.base, "POST", "/v1/products", { body: "name=Retry", headers });
    assert.equal(first.status, 500);
    assert.equal(first.json.error.type, "api_error");
    const second = await api(h.base, "POST", "/v1/products", { body: "name=Retry", headers });
    assert.equal(second.status, 200);
    assert.equal(second.headers.get("idempotent-replayed"), null);
    const third = await api(h.base, "POST", "/v1/products", { body: "name=Retry", headers });
    assert.equal(third.json.id, second.json.id);
    assert.equal(third.headers.get("idempotent-replayed"), "true");
  });

  test("a timeout fault hangs the request; the SDK times out and its retry succeeds", async () => {
    await inject({ method: "POST", path: "/v1/customers", kind: "timeout" });
    const sdk = h.sdk({ timeout: 300, maxNetworkRetries: 1 });
    const started = Date.now();
    const customer = await sdk.customers.create({ email: "timeout@example.com" });
    assert.ok(Date.now() - started >= 300);
    assert.match(customer.id, /^cus_/);
    assert.equal((await h.stripe.customers.list({ email: "timeout@example.com" })).data.length, 1);
  });

  test("a timeout fault without retries surfaces as a connection error", async () => {
    await inject({ method: "GET", path: "/v1/customers", kind: "timeout" });
    const err = await stripeError(h.sdk({ timeout: 200, maxNetworkRetries: 0 }).customers.list());
    assert.equal(err.type, "StripeConnectionError");
  });

  test("a decline fault answers Stripe's 402 card_error once, and the retry goes through", async () => {
    await inject({ method: "POST", path: "/v1/customers", kind: "decline", declineCode: "insufficient_funds" });
    const noRetry = h.sdk({ maxNetworkRetries: 0 });
    const err = await stripeError(noRetry.customers.create({ email: "declined@example.com" }));
    assert.equal(err.statusCode, 402);
    assert.equal(err.type, "StripeCardError");
    assert.equal(err.code, "card_declined");
    assert.equal(err.decline_code, "insufficient_funds");
    assert.equal((await h.stripe.customers.list({ email: "declined@example.com" })).data.length, 0);
    assert.match((await noRetry.customers.create({ email: "declined@example.com" })).id, /^cus_/);
  });

  test("a decline code is only accepted with kind decline", async () => {
    const res = await fetch(`${h.base}/_emulator/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ method: "POST", path: "/v1/customers", kind: "500", declineCode: "expired_card" }),
    });
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /declineCode is only for kind decline/);
  });

  test("faults only hit the method and path they name", async () => {
    await inject({ method: "POST", path: "/v1/prices", kind: "500", times: 2 });
    const res = await api(h.base, "GET", "/v1/prices");
    assert.equal(res.status, 200);
    const a = await api(h.base, "POST", "/v1/prices", { body: "currency=usd" });
    const b = await api(h.base, "POST", "/v1/prices", { body: "currency=usd" });
    const c = await api(h.base, "POST", "/v1/prices", { body: "currency=usd" });
    assert.deepEqual([a.status, b.status, c.status], [500, 500, 400]);
  });
});
