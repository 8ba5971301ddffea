import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { api, harnessForFile, stripeError } from "./helpers.js";

const h = harnessForFile();

describe("authentication", () => {
  test("a request without an API key is rejected with 401 and Stripe's message", async () => {
    const res = await api(h.base, "GET", "/v1/customers", { key: null });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.type, "invalid_request_error");
    assert.match(res.json.error.message, /^You did not provide an API key\./);
    assert.ok(res.json.error.doc_url);
    assert.match(res.json.error.request_log_url, /req_/);
  });

  test("a live or malformed key is rejected with the key masked", async () => {
    const res = await api(h.base, "GET", "/v1/customers", { key: "sk_live_abcdefghijklmnop1234" });
    assert.equal(res.status, 401);
    assert.match(res.json.error.message, /^Invalid API Key provided: sk_live_\*+1234$/);
    assert.doesNotMatch(res.json.error.message, /abcdefgh/);
  });

  test("HTTP Basic auth with the key as username is accepted, as are restricted keys", async () => {
    const basic = Buffer.from("sk_test_basic:").toString("base64");
    const res = await api(h.base, "GET", "/v1/customers", { key: null, headers: { Authorization: `Basic ${basic}` } });
    assert.equal(res.status, 200);
    const restricted = await api(h.base, "GET", "/v1/customers", { key: "rk_test_abc" });
    assert.equal(restricted.status, 200);
  });

  test("the SDK surfaces an invalid key as StripeAuthenticationError", async () => {
    const err = await stripeError(h.sdk({}, "sk_live_nope_nope_1234").customers.list());
    assert.equal(err.statusCode, 401);
    assert.equal(err.type, "StripeAuthenticationError");
  });
});

describe("errors and headers", () => {
  test("every response carries Request-Id and echoes Stripe-Version", async () => {
    const res = await api(h.base, "GET", "/v1/customers", { headers: { "Stripe-Version": "2025-01-01.test" } });
    assert.match(res.headers.get("request-id") ?? "", /^req_[A-Za-z0-9]{24}$/);
    assert.equal(res.headers.get("stripe-version"), "2025-01-01.test");
    const dflt = await api(h.base, "GET", "/v1/customers");
    assert.equal(dflt.headers.get("stripe-version"), "2026-10-28.endive");
  });

  test("an unknown top-level parameter is parameter_unknown", async () => {
    const err = await stripeError(h.stripe.customers.create({ emial: "x@example.com" } as never));
    assert.equal(err.statusCode, 400);
    assert.equal(err.code, "parameter_unknown");
    assert.equal(err.param, "emial");
    assert.equal(err.message, "Received unknown parameter: emial");
  });

  test("an unknown nested parameter names the full bracket path", async () => {
    const res = await api(h.base, "POST", "/v1/setup_intents", {
      body: "payment_method_data[type]=amazon_pay&payment_method_data[colour]=red",
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, "parameter_unknown");
    assert.equal(res.json.error.param, "payment_method_data[colour]");
  });

  test("a missing required parameter is parameter_missing", async () => {
    const err = await stripeError(h.stripe.prices.create({ unit_amount: 100 } as never));
    assert.equal(err.code, "parameter_missing");
    assert.equal(err.param, "currency");
    assert.equal(err.message, "Missing required param: currency.");
  });

  test("a non-integer amount is parameter_invalid_integer", async () => {
    const res = await api(h.base, "POST", "/v1/prices", { body: "currency=usd&unit_amount=abc&product_data[name]=x" });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, "parameter_invalid_integer");
    assert.equal(res.json.error.param, "unit_amount");
  });

  test("a bad enum value is rejected with its param", async () => {
    const err = await stripeError(h.stripe.setupIntents.create({ usage: "sometimes" as never }));
    assert.equal(err.statusCode, 400);
    assert.equal(err.type, "StripeInvalidRequestError");
    assert.equal(err.param, "usage");
    assert.match(err.message, /must be one of on_session or off_session/);
  });

  test("an unknown id is resource_missing with Stripe's wording", async () => {
    const err = await stripeError(h.stripe.customers.retrieve("cus_doesnotexist"));
    assert.equal(err.statusCode, 404);
    assert.equal(err.code, "resource_missing");
    assert.equal(err.param, "id");
    assert.equal(err.message, "No such customer: 'cus_doesnotexist'");
  });

  test("an unknown route is 404 Unrecognized request URL", async () => {
    const res = await api(h.base, "GET", "/v1/foo");
    assert.equal(res.status, 404);
    assert.match(res.json.error.message, /^Unrecognized request URL \(GET: \/v1\/foo\)\./);
  });

  test("CORS preflight succeeds and API responses allow any origin", async () => {
    const pre = await fetch(`${h.base}/v1/setup_intents/seti_x/confirm`, {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:3000", "Access-Control-Request-Method": "POST" },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get("access-control-allow-origin"), "*");
    assert.match(pre.headers.get("access-control-allow-headers") ?? "", /Authorization/);
    assert.match(pre.headers.get("access-control-allow-headers") ?? "", /Idempotency-Key/);
    const res = await api(h.base, "GET", "/v1/customers");
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
  });
});

describe("idempotency", () => {
  test("same key and same params replays the stored response with Idempotent-Replayed", async () => {
    const headers = { "Idempotency-Key": "idem-replay-1" };
    const first = await api(h.base, "POST", "/v1/customers", { body: "email=replay%40example.com", headers });
    const second = await api(h.base, "POST", "/v1/customers", { body: "email=replay%40example.com", headers });
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.equal(second.json.id, first.json.id);
    assert.equal(second.headers.get("idempotent-replayed"), "true");
    assert.equal(first.headers.get("idempotent-replayed"), null);
    const list = await h.stripe.customers.list({ email: "replay@example.com" });
    assert.equal(list.data.length, 1);
  });

  test("the SDK's own idempotencyKey option replays too", async () => {
    const a = await h.stripe.customers.create({ email: "sdk-idem@example.com" }, { idempotencyKey: "sdk-key-1" });
    const b = await h.stripe.customers.create({ email: "sdk-idem@example.com" }, { idempotencyKey: "sdk-key-1" });
    assert.equal(a.id, b.id);
    assert.equal(b.lastResponse.headers["idempotent-replayed"], "true");
  });

  test("same key with different params is an idempotency_error", async () => {
    const headers = { "Idempotency-Key": "idem-mismatch-1" };
    await api(h.base, "POST", "/v1/customers", { body: "email=one%40example.com", headers });
    const res = await api(h.base, "POST", "/v1/customers", { body: "email=two%40example.com", headers });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.type, "idempotency_error");
    assert.equal(
      res.json.error.message,
      "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'idem-mismatch-1' if you meant to execute a different request.",
    );
  });

  test("a validation error is not stored, so a corrected retry with the same key runs", async () => {
    const headers = { "Idempotency-Key": "idem-validation-1" };
    const bad = await api(h.base, "POST", "/v1/customers", { body: "emial=x", headers });
    assert.equal(bad.status, 400);
    // Different params after a failed validation are not a mismatch.
    const good = await api(h.base, "POST", "/v1/customers", { body: "email=fixed%40example.com", headers });
    assert.equal(good.status, 200);
    assert.equal(good.json.email, "fixed@example.com");
  });

  test("concurrent requests with one key execute once", async () => {
    const headers = { "Idempotency-Key": "idem-concurrent-1" };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api(h.base, "POST", "/v1/customers", { body: "email=race%40example.com", headers }),
      ),
    );
    for (const r of results) assert.ok(r.status === 200 || r.status === 409, `status ${r.status}`);
    const ids = new Set(results.filter((r) => r.status === 200).map((r) => r.json.id));
    assert.equal(ids.size, 1);
    const list = await h.stripe.customers.list({ email: "race@example.com" });
    assert.equal(list.data.length, 1);
  });
});

describe("lists", () => {
  test("lists are newest first with limit, starting_after and ending_before", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await h.stripe.customers.create({ email: `page${i}@pagination.test` })).id);
    const newest = [...ids].reverse();

    const page1 = await h.stripe.customers.list({ limit: 2 });
    assert.equal(page1.object, "list");
    assert.equal(page1.url, "/v1/customers");
    assert.deepEqual(
      page1.data.map((c) => c.id),
      newest.slice(0, 2),
    );
    assert.equal(page1.has_more, true);

    const page2 = await h.stripe.customers.list({ limit: 2, starting_after: newest[1] });
    assert.deepEqual(
      page2.data.map((c) => c.id),
      newest.slice(2, 4),
    );

    const back = await h.stripe.customers.list({ limit: 2, ending_before: newest[2] });
    assert.deepEqual(
      back.data.map((c) => c.id),
      newest.slice(0, 2),
    );
    assert.equal(back.has_more, false);

    const all: string[] = [];
    for await (const c of h.stripe.customers.list({ limit: 2 }))
      if (c.email?.endsWith("@pagination.test")) all.push(c.id);
    assert.deepEqual(all, newest);
  });

  test("limit outside 1..100 is rejected", async () => {
    const err = await stripeError(h.stripe.customers.list({ limit: 0 }));
    assert.equal(err.param, "limit");
  });

  test("customers can be filtered by email", async () => {
    await h.stripe.customers.create({ email: "filter-me@example.com", name: "Filter" });
    const res = await h.stripe.customers.list({ email: "filter-me@example.com" });
    assert.equal(res.data.length, 1);
    assert.equal(res.data[0].name, "Filter");
  });
});

describe("form encoding", () => {
  test("bracket arrays (a[]=x) and indexed arrays (a[0]=x) both parse", async () => {
    const product = await h.stripe.products.create({ name: "Arrays" });
    await h.stripe.prices.create({ currency: "usd", unit_amount: 100, product: product.id, lookup_key: "arr_a" });
    await h.stripe.prices.create({ currency: "usd", unit_amount: 200, product: product.id, lookup_key: "arr_b" });
    const brackets = await api(h.base, "GET", "/v1/prices?lookup_keys[]=arr_a&lookup_keys[]=arr_b");
    const indexed = await api(h.base, "GET", "/v1/prices?lookup_keys[0]=arr_a&lookup_keys[1]=arr_b");
    assert.equal(brackets.json.data.length, 2);
    assert.deepEqual(
      indexed.json.data.map((p: { id: string }) => p.id),
      brackets.json.data.map((p: { id: string }) => p.id),
    );
  });

  test("metadata round-trips and an empty value removes a key on update", async () => {
    const c = await h.stripe.customers.create({ metadata: { plan: "basic", ref: "42" } });
    assert.deepEqual(c.metadata, { plan: "basic", ref: "42" });
    const u = await h.stripe.customers.update(c.id, { metadata: { ref: "" } });
    assert.deepEqual(u.metadata, { plan: "basic" });
  });
});
