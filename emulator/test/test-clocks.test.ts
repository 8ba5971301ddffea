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
  INVOICE_CHARGED_EVENTS,
  lastEventId,
  savedWallet,
  stripeError,
} from "./helpers.js";

let usdPrice: Stripe.Price;
let krwPrice: Stripe.Price;
const h = harnessForFile(async ({ stripe }) => {
  usdPrice = await createMonthlyPrice(stripe, "usd", 1500, "Stock photos");
  krwPrice = await createMonthlyPrice(stripe, "krw", 100000, "Stock photos KR");
});

const DAY = 86_400;
const HOUR = 3600;
const utc = (y: number, m: number, d: number, hh = 0) => Date.UTC(y, m - 1, d, hh) / 1000;
/** 2026-01-01 00:00 UTC: months from the 1st and 15th never clamp. */
const T0 = utc(2026, 1, 1);

const clocks = () => h.stripe.testHelpers.testClocks;

async function newClock(name: string, frozenTime = T0): Promise<Stripe.TestHelpers.TestClock> {
  return clocks().create({ frozen_time: frozenTime, name });
}

/** A customer on the clock with a wallet set up (SetupIntent authorized on the redirect page). */
async function walletCustomer(
  wallet: "amazon_pay" | "kakao_pay",
  clock: string,
): Promise<{ customer: Stripe.Customer; pm: string; mandate: string }> {
  const { customer, paymentMethod, mandate } = await savedWallet(h.stripe, wallet, { test_clock: clock });
  return { customer, pm: paymentMethod, mandate };
}

async function invoicesOf(sub: string): Promise<Stripe.Invoice[]> {
  return (await h.stripe.invoices.list({ subscription: sub, limit: 100 })).data;
}

async function paymentIntentOf(invoice: string): Promise<Stripe.PaymentIntent> {
  const expanded = (await h.stripe.invoices.retrieve(invoice, { expand: ["payments"] })) as Stripe.Invoice & {
    payments: Stripe.ApiList<Stripe.InvoicePayment>;
  };
  assert.equal(expanded.payments.data.length, 1, "one InvoicePayment");
  return h.stripe.paymentIntents.retrieve(expanded.payments.data[0].payment.payment_intent as string);
}

describe("test clocks", () => {
  test("create, retrieve, list; customers on a clock live on its time", async () => {
    const clock = await newClock("basics");
    assert.match(clock.id, /^clock_[A-Za-z0-9]{24}$/);
    assert.equal(clock.object, "test_helpers.test_clock");
    assert.equal(clock.status, "ready");
    assert.equal(clock.frozen_time, T0);
    assert.equal(clock.name, "basics");
    assert.equal(clock.livemode, false);
    assert.equal(clock.deletes_after - clock.created, 7 * DAY);
    assert.deepEqual(await clocks().retrieve(clock.id), clock);
    assert.ok((await clocks().list({ limit: 100 })).data.some((c) => c.id === clock.id));
    const created = (await h.stripe.events.list({ type: "test_helpers.test_clock.created", limit: 1 })).data[0];
    assert.equal((created.data.object as Stripe.TestHelpers.TestClock).id, clock.id);

    const customer = await h.stripe.customers.create({ email: "clock@example.com", test_clock: clock.id });
    assert.equal(customer.created, T0);
    assert.equal(customer.test_clock, clock.id);
    assert.deepEqual(
      (await h.stripe.customers.list({ test_clock: clock.id })).data.map((c) => c.id),
      [customer.id],
    );

    const missing = await stripeError(h.stripe.customers.create({ test_clock: "clock_missing" }));
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.param, "test_clock");
    assert.equal((await stripeError(clocks().retrieve("clock_missing"))).statusCode, 404);
    const noTime = await api(h.base, "POST", "/v1/test_helpers/test_clocks", { body: "name=x" });
    assert.equal(noTime.json.error.code, "parameter_missing");
    assert.equal(noTime.json.error.param, "frozen_time");
  });

  test("advance: must move forward (else 400); advancing → ready with events", async () => {
    const clock = await newClock("advance");
    for (const t of [T0, T0 - 1]) {
      const err = await stripeError(clocks().advance(clock.id, { frozen_time: t }));
      assert.equal(err.statusCode, 400);
      assert.equal(err.param, "frozen_time");
    }
    const mark = await lastEventId(h.stripe);
    const advancing = await clocks().advance(clock.id, { frozen_time: T0 + DAY });
    assert.equal(advancing.status, "advancing");
    assert.equal(advancing.status_details.advancing?.target_frozen_time, T0 + DAY);
    const ready = await clocks().retrieve(clock.id);
    assert.equal(ready.status, "ready");
    assert.equal(ready.frozen_time, T0 + DAY);
    const events = await eventsSince(h.stripe, mark);
    assert.deepEqual(
      events.map((e) => e.type),
      ["test_helpers.test_clock.advancing", "test_helpers.test_clock.ready"],
    );
    assert.equal((events[1].data.object as Stripe.TestHelpers.TestClock).frozen_time, T0 + DAY);
    // Without subscriptions a clock moves at most two years at a time.
    const far = await stripeError(clocks().advance(clock.id, { frozen_time: T0 + 3 * 365 * DAY }));
    assert.equal(far.statusCode, 400);
  });

  test("a 14-day trial ends and two monthly renewals follow, each charged off-session (Amazon Pay)", async () => {
    const clock = await newClock("trial and renewals");
    const { customer, pm } = await walletCustomer("amazon_pay", clock.id);
    const trialEnd = T0 + 14 * DAY; // 2026-01-15
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 14,
      default_payment_method: pm,
      expand: ["pending_setup_intent"],
    });
    assert.equal(sub.status, "trialing");
    assert.equal(sub.created, T0);
    assert.equal(sub.test_clock, clock.id);
    assert.equal(sub.trial_start, T0);
    assert.equal(sub.trial_end, trialEnd);
    assert.equal(sub.items.data[0].current_period_start, T0);
    assert.equal(sub.items.data[0].current_period_end, trialEnd);
    assert.equal(sub.pending_setup_intent, null, "an Amazon Pay method with an active mandate needs nothing");
    const [trialInvoice] = await invoicesOf(sub.id);
    assert.equal(trialInvoice.amount_due, 0);
    assert.equal(trialInvoice.status, "paid");
    assert.equal(trialInvoice.created, T0);

    // Through the trial end: trial_will_end 3 days before, then the first paid period.
    let mark = await lastEventId(h.stripe);
    assert.equal((await clocks().advance(clock.id, { frozen_time: trialEnd + HOUR })).status, "advancing");
    let events = await eventsSince(h.stripe, mark);
    assert.deepEqual(
      events.map((e) => e.type),
      [
        "test_helpers.test_clock.advancing",
        "customer.subscription.trial_will_end",
        "customer.subscription.updated",
        ...INVOICE_CHARGED_EVENTS,
        "test_helpers.test_clock.ready",
      ],
    );
    const updated = events[2].data as Stripe.Event.Data & { previous_attributes: Partial<Stripe.Subscription> };
    assert.equal(updated.previous_attributes.status, "trialing");
    assert.equal((updated.object as Stripe.Subscription).status, "active");
    assert.equal(events[1].request?.id, null, "what a clock runs has no request");

    const afterTrial = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(afterTrial.status, "active");
    assert.equal(afterTrial.items.data[0].current_period_start, trialEnd);
    assert.equal(afterTrial.items.data[0].current_period_end, utc(2026, 2, 15));
    const first = await h.stripe.invoices.retrieve(afterTrial.latest_invoice as string);
    assert.equal(first.billing_reason, "subscription_cycle");
    assert.equal(first.status, "paid");
    assert.equal(first.amount_due, 1500);
    assert.equal(first.amount_paid, 1500);
    assert.equal(first.created, trialEnd);
    assert.equal(first.period_start, T0);
    assert.equal(first.period_end, trialEnd);
    assert.deepEqual(first.lines.data[0].period, { start: trialEnd, end: utc(2026, 2, 15) });
    assert.equal(first.test_clock, clock.id);
    const pi = await paymentIntentOf(first.id);
    assert.equal(pi.status, "succeeded");
    assert.equal(pi.amount, 1500);
    assert.equal(pi.amount_received, 1500);
    assert.equal(pi.payment_method, pm);
    assert.equal(pi.customer, customer.id);
    assert.equal(pi.next_action, null);
    assert.equal(pi.setup_future_usage, null);
    assert.equal(pi.created, trialEnd);

    // Two renewals in one advance (two intervals is as far as a clock may go).
    mark = await lastEventId(h.stripe);
    await clocks().advance(clock.id, { frozen_time: utc(2026, 3, 15, 1) });
    events = await eventsSince(h.stripe, mark);
    assert.equal(events.filter((e) => e.type === "invoice.paid").length, 2);
    assert.equal(events.filter((e) => e.type === "invoice.payment_failed").length, 0);
    const invoices = await invoicesOf(sub.id);
    assert.deepEqual(
      invoices.map((i) => i.amount_due),
      [1500, 1500, 1500, 0],
    );
    assert.deepEqual(
      invoices.map((i) => i.status),
      ["paid", "paid", "paid", "paid"],
    );
    assert.deepEqual(
      invoices.map((i) => i.billing_reason),
      ["subscription_cycle", "subscription_cycle", "subscription_cycle", "subscription_create"],
    );
    assert.deepEqual(
      invoices.map((i) => i.created),
      [utc(2026, 3, 15), utc(2026, 2, 15), trialEnd, T0],
    );
    const renewed = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(renewed.status, "active");
    assert.equal(renewed.items.data[0].current_period_start, utc(2026, 3, 15));
    assert.equal(renewed.items.data[0].current_period_end, utc(2026, 4, 15));
    assert.equal(renewed.latest_invoice, invoices[0].id);
    const pis = (await h.stripe.paymentIntents.list({ customer: customer.id })).data;
    assert.equal(pis.length, 3);
    assert.ok(pis.every((p) => p.status === "succeeded" && p.payment_method === pm && p.amount === 1500));

    const tooFar = await stripeError(clocks().advance(clock.id, { frozen_time: utc(2026, 6, 1) }));
    assert.equal(tooFar.statusCode, 400);
    assert.match(tooFar.message, /two intervals/);
  });

  test("a failing renewal leaves the invoice open and the subscription past_due (wallet without a mandate)", async () => {
    const clock = await newClock("failing renewal");
    const customer = await h.stripe.customers.create({ test_clock: clock.id });
    const pm = await h.stripe.paymentMethods.create({ type: "amazon_pay" });
    await h.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 7,
    });
    assert.equal(sub.status, "trialing");
    const mark = await lastEventId(h.stripe);
    await clocks().advance(clock.id, { frozen_time: T0 + 7 * DAY + HOUR });
    const failed = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(failed.status, "past_due");
    const invoice = await h.stripe.invoices.retrieve(failed.latest_invoice as string);
    assert.equal(invoice.status, "open");
    assert.equal(invoice.amount_due, 1500);
    assert.equal(invoice.amount_paid, 0);
    assert.equal(invoice.attempt_count, 1);
    assert.equal(invoice.attempted, true);
    const pi = await paymentIntentOf(invoice.id);
    assert.equal(pi.status, "requires_payment_method");
    assert.equal(pi.last_payment_error?.code, "authentication_required");
    const events = await eventsSince(h.stripe, mark);
    const types = events.map((e) => e.type);
    assert.ok(types.indexOf("payment_intent.payment_failed") < types.indexOf("invoice.payment_failed"));
    const updates = events.filter((e) => e.type === "customer.subscription.updated");
    assert.deepEqual(
      updates.map((e) => (e.data.previous_attributes as Partial<Stripe.Subscription>).status),
      ["trialing", "active"],
    );
    assert.equal((updates[1].data.object as Stripe.Subscription).status, "past_due");
  });

  test("a wallet whose PaymentMethod was detached fails its renewal", async () => {
    const clock = await newClock("detached wallet");
    const { customer, pm, mandate } = await walletCustomer("amazon_pay", clock.id);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      default_payment_method: pm,
      off_session: true,
    });
    assert.equal(sub.status, "active");
    assert.equal(sub.items.data[0].current_period_end, utc(2026, 2, 1));
    await h.stripe.paymentMethods.detach(pm);
    assert.equal((await h.stripe.mandates.retrieve(mandate)).status, "inactive");
    await clocks().advance(clock.id, { frozen_time: utc(2026, 2, 1, 1) });
    const after = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(after.status, "past_due");
    const invoices = await invoicesOf(sub.id);
    assert.deepEqual(
      invoices.map((i) => [i.billing_reason, i.status]),
      [
        ["subscription_cycle", "open"],
        ["subscription_create", "paid"],
      ],
    );
    const pi = await paymentIntentOf(invoices[0].id);
    assert.equal(pi.status, "requires_payment_method");
    // A detached PaymentMethod may never be used again: the renewal's charge is refused outright.
    assert.equal(pi.last_payment_error?.code, "payment_method_unexpected_state");
  });

  test("cancel_at_period_end: canceled at the period boundary, nothing more is invoiced", async () => {
    const clock = await newClock("cancel at period end");
    const { customer, pm } = await walletCustomer("amazon_pay", clock.id);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      default_payment_method: pm,
    });
    await clocks().advance(clock.id, { frozen_time: T0 + 10 * DAY });
    const pending = await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    assert.equal(pending.cancel_at, utc(2026, 2, 1));
    assert.equal(pending.canceled_at, T0 + 10 * DAY, "canceled_at is when the cancellation was requested");
    assert.equal(pending.status, "active");

    const mark = await lastEventId(h.stripe);
    await clocks().advance(clock.id, { frozen_time: utc(2026, 2, 1, 1) });
    const ended = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(ended.status, "canceled");
    assert.equal(ended.ended_at, utc(2026, 2, 1));
    assert.equal(ended.canceled_at, T0 + 10 * DAY);
    const types = (await eventsSince(h.stripe, mark)).map((e) => e.type);
    assert.deepEqual(types, [
      "test_helpers.test_clock.advancing",
      "customer.subscription.deleted",
      "test_helpers.test_clock.ready",
    ]);
    assert.equal((await invoicesOf(sub.id)).length, 1);
  });

  test("a trial ending without a payment method follows trial_settings.end_behavior", async () => {
    const clock = await newClock("trial without payment method");
    const customer = await h.stripe.customers.create({ test_clock: clock.id });
    const canceling = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_end: T0 + 5 * DAY,
      trial_settings: { end_behavior: { missing_payment_method: "cancel" } },
    });
    const invoicing = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_end: T0 + 5 * DAY,
    });
    assert.equal(canceling.trial_settings?.end_behavior.missing_payment_method, "cancel");
    assert.equal(invoicing.trial_settings?.end_behavior.missing_payment_method, "create_invoice");
    await clocks().advance(clock.id, { frozen_time: T0 + 6 * DAY });
    const canceled = await h.stripe.subscriptions.retrieve(canceling.id);
    assert.equal(canceled.status, "canceled");
    assert.equal(canceled.ended_at, T0 + 5 * DAY);
    assert.equal((await invoicesOf(canceling.id)).length, 1);
    const pastDue = await h.stripe.subscriptions.retrieve(invoicing.id);
    assert.equal(pastDue.status, "past_due");
    const invoice = await h.stripe.invoices.retrieve(pastDue.latest_invoice as string);
    assert.equal(invoice.status, "open");
    assert.equal(invoice.attempt_count, 1);
    assert.equal((await paymentIntentOf(invoice.id)).status, "requires_payment_method");
  });

  test("an incomplete subscription expires 23 hours after creation", async () => {
    const clock = await newClock("incomplete expiry");
    const customer = await h.stripe.customers.create({ test_clock: clock.id });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      payment_behavior: "default_incomplete",
    });
    assert.equal(sub.status, "incomplete");
    await clocks().advance(clock.id, { frozen_time: T0 + 22 * HOUR });
    assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, "incomplete");
    await clocks().advance(clock.id, { frozen_time: T0 + 24 * HOUR });
    const expired = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(expired.status, "incomplete_expired");
    assert.equal((await h.stripe.invoices.retrieve(sub.latest_invoice as string)).status, "void");
  });

  test("a once 100% coupon makes the first period free; the next renewal is charged in full", async () => {
    const clock = await newClock("free first month");
    const { customer, pm } = await walletCustomer("amazon_pay", clock.id);
    const coupon = await h.stripe.coupons.create({ percent_off: 100, duration: "once", name: "First month free" });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      default_payment_method: pm,
      discounts: [{ coupon: coupon.id }],
      expand: ["latest_invoice.payments", "discounts"],
    });
    assert.equal(sub.status, "active");
    const discount = sub.discounts[0] as Stripe.Discount;
    assert.match(discount.id, /^di_/);
    assert.equal(discount.source.coupon, coupon.id);
    assert.equal(discount.subscription, sub.id);
    assert.equal(discount.start, T0);
    const first = sub.latest_invoice as Stripe.Invoice & { payments: Stripe.ApiList<Stripe.InvoicePayment> };
    assert.equal(first.subtotal, 1500);
    assert.equal(first.total, 0);
    assert.equal(first.amount_due, 0);
    assert.equal(first.status, "paid");
    assert.equal(first.payments.data.length, 0, "no PaymentIntent for a zero invoice");
    assert.deepEqual(first.total_discount_amounts, [{ amount: 1500, discount: discount.id }]);

    const mark = await lastEventId(h.stripe);
    await clocks().advance(clock.id, { frozen_time: utc(2026, 2, 1, 1) });
    const renewal = (await invoicesOf(sub.id))[0];
    assert.equal(renewal.amount_due, 1500);
    assert.equal(renewal.status, "paid");
    assert.deepEqual(renewal.total_discount_amounts, []);
    const after = await h.stripe.subscriptions.retrieve(sub.id);
    assert.deepEqual(after.discounts, []);
    const types = (await eventsSince(h.stripe, mark)).map((e) => e.type);
    assert.ok(types.includes("customer.discount.deleted"));
    assert.equal((await h.stripe.coupons.retrieve(coupon.id)).times_redeemed, 1);
  });

  test("Kakao Pay in KRW (zero-decimal) with a forever 25% coupon after a trial", async () => {
    const clock = await newClock("krw");
    const { customer, pm } = await walletCustomer("kakao_pay", clock.id);
    const coupon = await h.stripe.coupons.create({ percent_off: 25, duration: "forever" });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: krwPrice.id }],
      default_payment_method: pm,
      trial_period_days: 7,
      discounts: [{ coupon: coupon.id }],
    });
    assert.equal(sub.status, "trialing");
    assert.equal(sub.pending_setup_intent, null);
    await clocks().advance(clock.id, { frozen_time: T0 + 7 * DAY + HOUR });
    const invoice = (await invoicesOf(sub.id))[0];
    assert.equal(invoice.currency, "krw");
    assert.equal(invoice.subtotal, 100000);
    assert.equal(invoice.amount_due, 75000);
    assert.equal(invoice.total_discount_amounts?.[0].amount, 25000);
    assert.equal(invoice.lines.data[0].discount_amounts?.[0].amount, 25000);
    assert.equal(invoice.status, "paid");
    const pi = await paymentIntentOf(invoice.id);
    assert.equal(pi.amount, 75000);
    assert.equal(pi.currency, "krw");
    assert.equal(pi.status, "succeeded");
    assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, "active");
  });

  test("deleting a clock deletes its customers and ends their subscriptions", async () => {
    const clock = await newClock("delete me");
    const customer = await h.stripe.customers.create({ test_clock: clock.id });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 30,
    });
    const deleted = await clocks().del(clock.id);
    assert.deepEqual(deleted, { id: clock.id, object: "test_helpers.test_clock", deleted: true });
    assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, "canceled");
    const gone = await h.stripe.customers.retrieve(customer.id);
    assert.equal(gone.deleted, true);
    assert.equal((await stripeError(clocks().retrieve(clock.id))).statusCode, 404);
    const types = (await h.stripe.events.list({ limit: 3 })).data.map((e) => e.type).reverse();
    assert.deepEqual(types, ["customer.subscription.deleted", "customer.deleted", "test_helpers.test_clock.deleted"]);
  });
});

describe("cards on a test clock", () => {
  test("4242: trial end and renewal charged off-session with pm_card_visa", async () => {
    const clock = await newClock("visa");
    const { customer, pm } = await cardCustomer(h.stripe, "pm_card_visa", { test_clock: clock.id });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 14,
    });
    assert.equal(sub.status, "trialing");
    assert.equal(sub.pending_setup_intent, null, "a 4242 card sets up at once");
    await clocks().advance(clock.id, { frozen_time: utc(2026, 2, 15, 1) });
    const invoices = await invoicesOf(sub.id);
    assert.deepEqual(
      invoices.map((i) => [i.amount_due, i.status]),
      [
        [1500, "paid"],
        [1500, "paid"],
        [0, "paid"],
      ],
    );
    for (const invoice of invoices.slice(0, 2)) {
      const pi = await paymentIntentOf(invoice.id);
      assert.equal(pi.status, "succeeded");
      assert.equal(pi.payment_method, pm);
      assert.equal(pi.next_action, null);
    }
    assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, "active");
  });

  test("4000000000000341: sets up fine, the renewal is declined → past_due", async () => {
    const clock = await newClock("charge fails");
    const { customer } = await cardCustomer(h.stripe, "pm_card_chargeCustomerFail", { test_clock: clock.id });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 3,
    });
    assert.equal(sub.pending_setup_intent, null);
    await clocks().advance(clock.id, { frozen_time: T0 + 3 * DAY + HOUR });
    const after = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(after.status, "past_due");
    const invoice = await h.stripe.invoices.retrieve(after.latest_invoice as string);
    assert.equal(invoice.status, "open");
    const pi = await paymentIntentOf(invoice.id);
    assert.equal(pi.status, "requires_payment_method");
    assert.equal(pi.last_payment_error?.code, "card_declined");
    assert.equal(pi.last_payment_error?.decline_code, "generic_decline");
  });

  test("4000002500003155 never set up off-session: the pending SetupIntent waits and the renewal needs authentication", async () => {
    const clock = await newClock("authentication required");
    const { customer } = await cardCustomer(h.stripe, "pm_card_authenticationRequiredOnSetup", {
      test_clock: clock.id,
    });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 3,
      expand: ["pending_setup_intent"],
    });
    assert.equal((sub.pending_setup_intent as Stripe.SetupIntent).status, "requires_action");
    await clocks().advance(clock.id, { frozen_time: T0 + 3 * DAY + HOUR });
    const after = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(after.status, "past_due");
    assert.equal(after.pending_setup_intent, (sub.pending_setup_intent as Stripe.SetupIntent).id);
    const pi = await paymentIntentOf(after.latest_invoice as string);
    assert.equal(pi.last_payment_error?.code, "authentication_required");
  });

  test("seed 003 end to end: 3D Secure on the pending SetupIntent, then the renewal succeeds off-session", async () => {
    const clock = await newClock("seed 003");
    const { customer, pm } = await cardCustomer(h.stripe, "pm_card_authenticationRequiredOnSetup", {
      test_clock: clock.id,
    });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      trial_period_days: 7,
      payment_settings: { save_default_payment_method: "on_subscription" },
      expand: ["pending_setup_intent"],
    });
    const si = sub.pending_setup_intent as Stripe.SetupIntent;
    assert.equal(si.status, "requires_action");
    const challenge = (si.next_action?.use_stripe_sdk as { stripe_js?: string } | undefined)?.stripe_js;
    assert.ok(challenge, "use_stripe_sdk carries the challenge URL");
    // What confirmCardSetup(client_secret) does in the browser: the customer completes 3D Secure.
    const done = await clickButton(challenge, "Complete authentication");
    assert.equal(done.status, 200);
    assert.equal((await h.stripe.setupIntents.retrieve(si.id)).status, "succeeded");
    const ready = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(ready.pending_setup_intent, null);
    assert.equal(ready.default_payment_method, pm);

    await clocks().advance(clock.id, { frozen_time: T0 + 7 * DAY + HOUR });
    const after = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(after.status, "active");
    const pi = await paymentIntentOf(after.latest_invoice as string);
    assert.equal(pi.status, "succeeded", "set up for off-session use, so the renewal needs no authentication");
    assert.equal(pi.payment_method, pm);
  });

  test("creating with a card: 4242 is charged at once; 3155 on-session waits in requires_action", async () => {
    const clock = await newClock("card creation");
    const visa = await cardCustomer(h.stripe, "pm_card_visa", { test_clock: clock.id });
    const active = await h.stripe.subscriptions.create({ customer: visa.customer.id, items: [{ price: usdPrice.id }] });
    assert.equal(active.status, "active");
    const threeDs = await cardCustomer(h.stripe, "pm_card_authenticationRequiredOnSetup", { test_clock: clock.id });
    const incomplete = await h.stripe.subscriptions.create({
      customer: threeDs.customer.id,
      items: [{ price: usdPrice.id }],
      expand: ["latest_invoice.confirmation_secret"],
    });
    assert.equal(incomplete.status, "incomplete");
    const invoice = incomplete.latest_invoice as Stripe.Invoice;
    const pi = await h.stripe.paymentIntents.retrieve(invoice.confirmation_secret!.client_secret.split("_secret_")[0]);
    assert.equal(pi.status, "requires_action");
    assert.equal(pi.next_action?.type, "use_stripe_sdk");
    const refused = await stripeError(
      h.stripe.subscriptions.create({
        customer: threeDs.customer.id,
        items: [{ price: usdPrice.id }],
        payment_behavior: "error_if_incomplete",
      }),
    );
    assert.equal(refused.statusCode, 402);
    assert.equal(refused.code, "invoice_payment_intent_requires_action");
  });
});
