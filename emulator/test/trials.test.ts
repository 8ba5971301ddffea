import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type Stripe from "stripe";
import {
  api,
  cardCustomer,
  clickButton,
  createMonthlyPrice,
  eventsSince,
  harnessForFile,
  lastEventId,
  MANDATE,
  savedWallet,
  stripeError,
} from "./helpers.js";

let usdPrice: Stripe.Price;
const h = harnessForFile(async ({ stripe }) => {
  usdPrice = await createMonthlyPrice(stripe, "usd", 2000, "Team plan");
});

const DAY = 86_400;

type ExpandedInvoice = Stripe.Invoice & { payments: Stripe.ApiList<Stripe.InvoicePayment> };

function pendingSetup(sub: Stripe.Subscription): Stripe.SetupIntent {
  assert.ok(sub.pending_setup_intent && typeof sub.pending_setup_intent === "object", "pending_setup_intent expanded");
  return sub.pending_setup_intent as Stripe.SetupIntent;
}

/** A customer with an Amazon Pay method attached but never set up (no mandate). */
async function walletWithoutMandate(): Promise<{ customer: Stripe.Customer; pm: string }> {
  const customer = await h.stripe.customers.create({ email: "nomandate@example.com" });
  const pm = await h.stripe.paymentMethods.create({ type: "amazon_pay" });
  await h.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
  return { customer, pm: pm.id };
}

describe("coupons", () => {
  test("create, retrieve, list, update, delete", async () => {
    const percent = await h.stripe.coupons.create({
      id: "HALF3",
      percent_off: 50,
      duration: "repeating",
      duration_in_months: 3,
      name: "Half off",
      metadata: { campaign: "spring" },
    });
    assert.deepEqual(
      { ...percent, created: 0 },
      {
        id: "HALF3",
        object: "coupon",
        amount_off: null,
        created: 0,
        currency: null,
        duration: "repeating",
        duration_in_months: 3,
        livemode: false,
        max_redemptions: null,
        metadata: { campaign: "spring" },
        name: "Half off",
        percent_off: 50,
        redeem_by: null,
        times_redeemed: 0,
        valid: true,
      },
    );
    const fixed = await h.stripe.coupons.create({ amount_off: 500, currency: "USD" });
    assert.match(fixed.id, /^[A-Z0-9]{8}$/);
    assert.equal(fixed.currency, "usd");
    assert.equal(fixed.duration, "once");
    const fraction = await h.stripe.coupons.create({ percent_off: 12.5, duration: "forever" });
    assert.equal(fraction.percent_off, 12.5);
    assert.deepEqual(await h.stripe.coupons.retrieve("HALF3"), percent);
    const listed = (await h.stripe.coupons.list({ limit: 3 })).data.map((c) => c.id);
    assert.deepEqual(listed, [fraction.id, fixed.id, "HALF3"]);
    const renamed = await h.stripe.coupons.update("HALF3", { name: "Half off (spring)" });
    assert.equal(renamed.name, "Half off (spring)");
    assert.deepEqual(await h.stripe.coupons.del(fixed.id), { id: fixed.id, object: "coupon", deleted: true });
    assert.equal((await stripeError(h.stripe.coupons.retrieve(fixed.id))).statusCode, 404);
    const types = (await h.stripe.events.list({ limit: 5 })).data.map((e) => e.type).reverse();
    assert.deepEqual(types.slice(-5), [
      "coupon.created",
      "coupon.created",
      "coupon.created",
      "coupon.updated",
      "coupon.deleted",
    ]);
  });

  test("validation", async () => {
    const cases: [Stripe.CouponCreateParams, string][] = [
      [{ duration: "once" }, "percent_off"],
      [{ percent_off: 10, amount_off: 100, currency: "usd" }, "amount_off"],
      [{ amount_off: 100 }, "currency"],
      [{ percent_off: 120 }, "percent_off"],
      [{ percent_off: 10, duration: "repeating" }, "duration_in_months"],
      [{ percent_off: 10, duration_in_months: 2 }, "duration_in_months"],
    ];
    for (const [params, param] of cases) {
      const err = await stripeError(h.stripe.coupons.create(params));
      assert.equal(err.statusCode, 400, JSON.stringify(params));
      assert.equal(err.param, param, JSON.stringify(params));
    }
    await h.stripe.coupons.create({ id: "DUP", percent_off: 5 });
    const dup = await stripeError(h.stripe.coupons.create({ id: "DUP", percent_off: 5 }));
    assert.equal(dup.code, "resource_already_exists");
  });

  test("an amount_off coupon reduces the first charge; mismatched currency, unknown coupons and `coupon` are refused", async () => {
    const { customer, paymentMethod } = await savedWallet(h.stripe, "amazon_pay");
    const coupon = await h.stripe.coupons.create({ amount_off: 500, currency: "usd", duration: "forever" });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id, quantity: 2 }],
      default_payment_method: paymentMethod,
      discounts: [{ coupon: coupon.id }],
      expand: ["latest_invoice.payments", "latest_invoice.total_discount_amounts.discount"],
    });
    assert.equal(sub.status, "active");
    const invoice = sub.latest_invoice as ExpandedInvoice;
    assert.equal(invoice.subtotal, 4000);
    assert.equal(invoice.total, 3500);
    assert.equal(invoice.amount_due, 3500);
    assert.equal(invoice.amount_paid, 3500);
    assert.deepEqual(invoice.discounts, [sub.discounts[0]]);
    const total = invoice.total_discount_amounts![0];
    assert.equal(total.amount, 500);
    assert.equal((total.discount as Stripe.Discount).source.coupon, coupon.id);
    const pi = await h.stripe.paymentIntents.retrieve(invoice.payments.data[0].payment.payment_intent as string);
    assert.equal(pi.amount, 3500);
    assert.equal(pi.status, "succeeded");
    assert.equal((await h.stripe.coupons.retrieve(coupon.id)).times_redeemed, 1);

    const jpy = await h.stripe.coupons.create({ amount_off: 500, currency: "jpy" });
    const mismatch = await stripeError(
      h.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: usdPrice.id }],
        discounts: [{ coupon: jpy.id }],
      }),
    );
    assert.equal(mismatch.param, "discounts[0][coupon]");
    const unknown = await stripeError(
      h.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: usdPrice.id }],
        discounts: [{ coupon: "NOPE" }],
      }),
    );
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.param, "discounts[0][coupon]");
    const legacy = await api(h.base, "POST", "/v1/subscriptions", {
      body: `customer=${customer.id}&items[0][price]=${usdPrice.id}&coupon=${coupon.id}`,
    });
    assert.equal(legacy.json.error.code, "parameter_unknown");
    assert.equal(legacy.json.error.param, "coupon");
  });

  test("a 100%-off first period: zero invoice paid without a PaymentIntent, and a pending SetupIntent", async () => {
    const { customer, pm } = await cardCustomer(h.stripe, "pm_card_authenticationRequiredOnSetup", {
      email: "card@example.com",
    });
    const coupon = await h.stripe.coupons.create({ percent_off: 100, duration: "once" });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      discounts: [{ coupon: coupon.id }],
      expand: ["latest_invoice.payments", "pending_setup_intent"],
    });
    assert.equal(sub.status, "active");
    assert.equal(sub.trial_end, null);
    const invoice = sub.latest_invoice as ExpandedInvoice;
    assert.equal(invoice.subtotal, 2000);
    assert.equal(invoice.amount_due, 0);
    assert.equal(invoice.status, "paid");
    assert.equal(invoice.payments.data.length, 0);
    assert.equal((await h.stripe.paymentIntents.list({ customer: customer.id })).data.length, 0);
    const si = pendingSetup(sub);
    assert.equal(si.status, "requires_action");
    assert.equal(si.next_action?.type, "use_stripe_sdk");
    assert.equal(si.usage, "off_session");
    assert.equal(si.customer, customer.id);
    assert.equal(si.payment_method, pm);
  });
});

describe("trials and pending_setup_intent (seed 003)", () => {
  test("a trial with a saved Amazon Pay method: trialing, zero invoice, SetupIntent succeeds off-session → null", async () => {
    const { customer, paymentMethod, mandate } = await savedWallet(h.stripe, "amazon_pay");
    const mark = await lastEventId(h.stripe);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 14,
      default_payment_method: paymentMethod,
      expand: ["latest_invoice.payments", "pending_setup_intent"],
    });
    assert.equal(sub.status, "trialing");
    assert.equal(sub.trial_end! - sub.trial_start!, 14 * DAY);
    assert.equal(sub.billing_cycle_anchor, sub.trial_end);
    assert.equal(sub.items.data[0].current_period_start, sub.trial_start);
    assert.equal(sub.items.data[0].current_period_end, sub.trial_end);
    assert.equal(sub.pending_setup_intent, null);
    const invoice = sub.latest_invoice as ExpandedInvoice;
    assert.equal(invoice.billing_reason, "subscription_create");
    assert.equal(invoice.amount_due, 0);
    assert.equal(invoice.status, "paid");
    assert.equal(invoice.payments.data.length, 0);
    assert.equal(invoice.lines.data[0].amount, 0);
    assert.equal(invoice.lines.data[0].description, "Trial period for Team plan");
    assert.deepEqual(invoice.lines.data[0].period, { start: sub.trial_start, end: sub.trial_end });

    const setups = (await h.stripe.setupIntents.list({ customer: customer.id })).data;
    const si = setups[0];
    assert.equal(si.status, "succeeded");
    assert.equal(si.usage, "off_session");
    assert.equal(si.payment_method, paymentMethod);
    assert.equal(si.mandate, mandate);
    const types = (await eventsSince(h.stripe, mark)).map((e) => e.type);
    assert.deepEqual(types, [
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "setup_intent.created",
      "setup_intent.succeeded",
      "customer.subscription.updated",
    ]);
    const created = (await h.stripe.events.list({ type: "customer.subscription.created", limit: 1 })).data[0];
    assert.equal((created.data.object as Stripe.Subscription).status, "trialing");
    assert.equal((created.data.object as Stripe.Subscription).pending_setup_intent, si.id);
  });

  test('trial_end as a timestamp or "now"; validation', async () => {
    const { customer, paymentMethod } = await savedWallet(h.stripe, "amazon_pay");
    const end = Math.floor(Date.now() / 1000) + 10 * DAY;
    const timed = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_end: end,
      default_payment_method: paymentMethod,
    });
    assert.equal(timed.status, "trialing");
    assert.equal(timed.trial_end, end);
    assert.equal(timed.items.data[0].current_period_end, end);

    const now = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_end: "now",
      default_payment_method: paymentMethod,
      expand: ["latest_invoice"],
    });
    assert.equal(now.status, "active");
    assert.equal(now.trial_end, null);
    assert.equal((now.latest_invoice as Stripe.Invoice).amount_paid, 2000);

    const past = await stripeError(
      h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: usdPrice.id }], trial_end: 1000 }),
    );
    assert.equal(past.param, "trial_end");
    const both = await stripeError(
      h.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: usdPrice.id }],
        trial_end: end,
        trial_period_days: 3,
      }),
    );
    assert.equal(both.statusCode, 400);
    const word = await api(h.base, "POST", "/v1/subscriptions", {
      body: `customer=${customer.id}&items[0][price]=${usdPrice.id}&trial_end=tomorrow`,
    });
    assert.equal(word.json.error.param, "trial_end");
  });

  test("a card that needs authentication: pending SetupIntent requires_action until a new card succeeds", async () => {
    const { customer, pm } = await cardCustomer(h.stripe, "pm_card_authenticationRequiredOnSetup", {
      email: "card@example.com",
    });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 7,
      payment_settings: { save_default_payment_method: "on_subscription" },
      expand: ["pending_setup_intent"],
    });
    assert.equal(sub.status, "trialing");
    assert.equal(sub.default_payment_method, null);
    const si = pendingSetup(sub);
    assert.match(si.id, /^seti_/);
    assert.equal(si.status, "requires_action");
    assert.equal(si.next_action?.type, "use_stripe_sdk");
    assert.equal(si.usage, "off_session");
    assert.equal(si.payment_method, pm);
    assert.ok(si.client_secret?.startsWith(si.id));
    const plain = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(plain.pending_setup_intent, si.id);

    // The customer comes back with another card (confirmCardSetup with a new card).
    const mark = await lastEventId(h.stripe);
    const done = await h.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_visa" });
    assert.equal(done.status, "succeeded");
    const after = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(after.pending_setup_intent, null);
    assert.equal(after.default_payment_method, done.payment_method);
    const updated = (await eventsSince(h.stripe, mark)).filter((e) => e.type === "customer.subscription.updated");
    assert.equal(updated.length, 1);
    const previous = updated[0].data.previous_attributes as Partial<Stripe.Subscription>;
    assert.equal(previous.pending_setup_intent, si.id);
    assert.equal(previous.default_payment_method, null);
  });

  test("a wallet without a mandate: requires_payment_method, then set up again on the redirect page", async () => {
    const { customer, pm } = await walletWithoutMandate();
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 7,
      default_payment_method: pm,
      payment_settings: { save_default_payment_method: "on_subscription", payment_method_types: ["amazon_pay"] },
      expand: ["pending_setup_intent"],
    });
    const si = pendingSetup(sub);
    assert.equal(si.status, "requires_payment_method");
    assert.equal(si.last_setup_error?.code, "setup_intent_authentication_failure");
    assert.deepEqual(si.payment_method_types, ["amazon_pay"]);

    const confirmed = await h.stripe.setupIntents.confirm(si.id, {
      payment_method_data: { type: "amazon_pay" },
      mandate_data: MANDATE,
      return_url: "https://merchant.example/billing",
    });
    assert.equal(confirmed.status, "requires_action");
    await clickButton(confirmed.next_action!.redirect_to_url!.url!, "Authorize test setup");
    const done = await h.stripe.setupIntents.retrieve(si.id);
    assert.equal(done.status, "succeeded");
    const after = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(after.pending_setup_intent, null);
    assert.equal(after.default_payment_method, done.payment_method);
    assert.notEqual(after.default_payment_method, pm);
  });

  test("a card set up successfully leaves nothing pending", async () => {
    const { customer, pm } = await cardCustomer(h.stripe, "pm_card_visa", { email: "card@example.com" });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 7,
      expand: ["pending_setup_intent"],
    });
    assert.equal(sub.pending_setup_intent, null);
    const si = (await h.stripe.setupIntents.list({ customer: customer.id })).data[0];
    assert.equal(si.status, "succeeded");
    assert.equal(si.payment_method, pm);
  });

  test("default_incomplete with no payment method: the pending SetupIntent collects one", async () => {
    const customer = await h.stripe.customers.create({});
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 7,
      payment_behavior: "default_incomplete",
      payment_settings: { save_default_payment_method: "on_subscription" },
      expand: ["pending_setup_intent"],
    });
    assert.equal(sub.status, "trialing");
    const si = pendingSetup(sub);
    assert.equal(si.status, "requires_payment_method");
    assert.equal(si.payment_method, null);
    assert.equal(si.last_setup_error, null);
    // Without default_incomplete and without a method nothing is created.
    const plain = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 7,
    });
    assert.equal(plain.pending_setup_intent, null);
  });

  test("canceling the subscription does not cancel its pending SetupIntent", async () => {
    const { customer } = await walletWithoutMandate();
    const pmId = (await h.stripe.paymentMethods.list({ customer: customer.id })).data[0].id;
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 7,
      default_payment_method: pmId,
    });
    const siId = sub.pending_setup_intent as string;
    assert.match(siId, /^seti_/);
    const canceled = await h.stripe.subscriptions.cancel(sub.id);
    assert.equal(canceled.status, "canceled");
    assert.equal(canceled.pending_setup_intent, siId);
    assert.equal((await h.stripe.setupIntents.retrieve(siId)).status, "requires_payment_method");
    // The app cancels it itself on customer.subscription.deleted.
    assert.equal((await h.stripe.setupIntents.cancel(siId)).status, "canceled");
  });
});
