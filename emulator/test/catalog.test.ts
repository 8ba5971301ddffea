import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { api, harnessForFile, stripeError } from "./helpers.js";

const h = harnessForFile();

describe("customers", () => {
  test("create, retrieve and update a customer; update records customer.updated", async () => {
    const c = await h.stripe.customers.create({ email: "a@example.com", name: "A", description: "first" });
    assert.match(c.id, /^cus_[A-Za-z0-9]{24}$/);
    assert.equal(c.object, "customer");
    assert.equal(c.livemode, false);
    assert.equal(typeof c.created, "number");
    const got = await h.stripe.customers.retrieve(c.id);
    assert.equal((got as typeof c).email, "a@example.com");
    const updated = await h.stripe.customers.update(c.id, { name: "B" });
    assert.equal(updated.name, "B");
    const events = await h.stripe.events.list({ type: "customer.updated" });
    const ev = events.data.find((e) => (e.data.object as { id: string }).id === c.id);
    assert.ok(ev);
    assert.deepEqual(ev.data.previous_attributes, { name: "A" });
  });

  test("test_clock is accepted on create (and must exist)", async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: 1767225600 });
    const c = await h.stripe.customers.create({ test_clock: clock.id });
    assert.equal(c.test_clock, clock.id);
    assert.equal((await stripeError(h.stripe.customers.create({ test_clock: "clock_123" }))).statusCode, 404);
  });
});

describe("products and prices", () => {
  test("a product can have a custom id and is retrievable", async () => {
    const p = await h.stripe.products.create({ id: "plan_basic", name: "Basic" });
    assert.equal(p.id, "plan_basic");
    assert.equal((await h.stripe.products.retrieve("plan_basic")).name, "Basic");
    const dup = await stripeError(h.stripe.products.create({ id: "plan_basic", name: "Again" }));
    assert.equal(dup.code, "resource_already_exists");
  });

  test("a 15 USD monthly price keeps cents; a 100,000 KRW price stays in whole won", async () => {
    const usd = await h.stripe.prices.create({
      currency: "usd",
      unit_amount: 1500,
      recurring: { interval: "month" },
      product_data: { name: "Stock photos" },
      lookup_key: "photos_monthly_usd",
    });
    assert.equal(usd.unit_amount, 1500);
    assert.equal(usd.type, "recurring");
    assert.equal(usd.recurring?.interval, "month");
    assert.equal(usd.recurring?.interval_count, 1);
    assert.match(usd.product as string, /^prod_/);

    const krw = await h.stripe.prices.create({
      currency: "KRW",
      unit_amount: 100000,
      recurring: { interval: "month" },
      product: usd.product as string,
      lookup_key: "photos_monthly_krw",
    });
    assert.equal(krw.currency, "krw");
    assert.equal(krw.unit_amount, 100000);
    assert.equal(String(krw.unit_amount_decimal), "100000");
  });

  test("prices are found by lookup_keys and filtered by currency, product and active", async () => {
    const found = await h.stripe.prices.list({ lookup_keys: ["photos_monthly_usd", "photos_monthly_krw"] });
    assert.deepEqual(found.data.map((p) => p.lookup_key).sort(), ["photos_monthly_krw", "photos_monthly_usd"]);
    const krwOnly = await h.stripe.prices.list({
      lookup_keys: ["photos_monthly_usd", "photos_monthly_krw"],
      currency: "krw",
    });
    assert.equal(krwOnly.data.length, 1);
    const byProduct = await h.stripe.prices.list({ product: found.data[0].product as string });
    assert.equal(byProduct.data.length, 2);
    const inactive = await h.stripe.prices.list({ active: false, lookup_keys: ["photos_monthly_usd"] });
    assert.equal(inactive.data.length, 0);
  });

  test("a lookup key is unique unless transfer_lookup_key moves it", async () => {
    const product = await h.stripe.products.create({ name: "Lookup" });
    const first = await h.stripe.prices.create({
      currency: "usd",
      unit_amount: 100,
      product: product.id,
      lookup_key: "lk_unique",
    });
    const clash = await stripeError(
      h.stripe.prices.create({ currency: "usd", unit_amount: 200, product: product.id, lookup_key: "lk_unique" }),
    );
    assert.equal(clash.param, "lookup_key");
    const second = await h.stripe.prices.create({
      currency: "usd",
      unit_amount: 200,
      product: product.id,
      lookup_key: "lk_unique",
      transfer_lookup_key: true,
    });
    const list = await h.stripe.prices.list({ lookup_keys: ["lk_unique"] });
    assert.deepEqual(
      list.data.map((p) => p.id),
      [second.id],
    );
    assert.equal((await h.stripe.prices.retrieve(first.id)).lookup_key, null);
  });

  test("expand[]=product returns the product object on a price", async () => {
    const price = await h.stripe.prices.create({
      currency: "usd",
      unit_amount: 700,
      product_data: { name: "Expanded" },
    });
    const got = await h.stripe.prices.retrieve(price.id, { expand: ["product"] });
    assert.equal(typeof got.product, "object");
    assert.equal((got.product as { name: string }).name, "Expanded");
    const listed = await h.stripe.prices.list({ product: price.product as string, expand: ["data.product"] });
    assert.equal((listed.data[0].product as { name: string }).name, "Expanded");
  });

  test("expanding a field that is not a reference is rejected", async () => {
    const price = await h.stripe.prices.create({ currency: "usd", unit_amount: 700, product_data: { name: "X" } });
    const res = await api(h.base, "GET", `/v1/prices/${price.id}?expand[]=currency`);
    assert.equal(res.status, 400);
    assert.match(res.json.error.message, /cannot be expanded \(currency\)/);
  });

  test("product.created and price.created events are recorded", async () => {
    const price = await h.stripe.prices.create({ currency: "jpy", unit_amount: 500, product_data: { name: "Yen" } });
    const types = (await h.stripe.events.list({ limit: 5 })).data.map((e) => e.type);
    assert.ok(types.includes("price.created"));
    assert.ok(types.includes("product.created"));
    const priceEvent = (await h.stripe.events.list({ type: "price.created", limit: 1 })).data[0];
    assert.equal((priceEvent.data.object as { id: string }).id, price.id);
    assert.equal(priceEvent.api_version, "2026-10-28.endive");
  });
});
