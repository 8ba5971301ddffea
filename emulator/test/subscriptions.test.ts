import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type Stripe from "stripe";
import {
  api,
  clickButton,
  createMonthlyPrice,
  harnessForFile,
  INVOICE_CHARGED_EVENTS,
  savedWallet,
  stripeError,
} from "./helpers.js";

let usdPrice: Stripe.Price;
let krwPrice: Stripe.Price;
const h = harnessForFile(async ({ stripe }) => {
  usdPrice = await createMonthlyPrice(stripe, "usd", 1500, "Stock photos", { lookup_key: "monthly_usd" });
  krwPrice = await createMonthlyPrice(stripe, "krw", 100000, "Stock photos KR", { lookup_key: "monthly_krw" });
});

type ExpandedInvoice = Stripe.Invoice & { payments: Stripe.ApiList<Stripe.InvoicePayment> };

function latestInvoice(sub: Stripe.Subscription): ExpandedInvoice {
  assert.equal(typeof sub.latest_invoice, "object");
  return sub.latest_invoice as ExpandedInvoice;
}

function invoicePaymentIntentId(invoice: ExpandedInvoice): string {
  const payment = invoice.payments.data[0];
  assert.equal(payment.payment.type, "payment_intent");
  return payment.payment.payment_intent as string;
}

/** A subscription to `price` that charges a newly saved wallet off-session (the renewal path). */
async function offSessionWalletSubscription(
  wallet: "amazon_pay" | "kakao_pay",
  price: Stripe.Price,
  extra: Partial<Stripe.SubscriptionCreateParams> = {},
): Promise<{ customer: Stripe.Customer; paymentMethod: string; sub: Stripe.Subscription }> {
  const { customer, paymentMethod } = await savedWallet(h.stripe, wallet);
  const sub = await h.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: price.id }],
    default_payment_method: paymentMethod,
    off_session: true,
    ...extra,
  });
  return { customer, paymentMethod, sub };
}

describe("Amazon Pay subscription (seed 004)", () => {
  test("default_payment_method + off_session=true charges the first invoice at once → active", async () => {
    const { paymentMethod, sub } = await offSessionWalletSubscription("amazon_pay", usdPrice, {
      expand: ["latest_invoice.payments", "latest_invoice.confirmation_secret"],
    });
    assert.match(sub.id, /^sub_[A-Za-z0-9]{24}$/);
    assert.equal(sub.status, "active");
    assert.equal(sub.default_payment_method, paymentMethod);
    assert.equal(sub.currency, "usd");
    const item = sub.items.data[0];
    assert.match(item.id, /^si_/);
    assert.equal(item.price.id, usdPrice.id);
    assert.equal(item.quantity, 1);
    assert.ok(item.current_period_end > item.current_period_start);

    const invoice = latestInvoice(sub);
    assert.match(invoice.id, /^in_/);
    assert.equal(invoice.status, "paid");
    assert.equal(invoice.amount_due, 1500);
    assert.equal(invoice.amount_paid, 1500);
    assert.equal(invoice.billing_reason, "subscription_create");
    assert.equal(invoice.lines.data[0].amount, 1500);
    assert.equal(invoice.parent?.subscription_details?.subscription, sub.id);
    assert.equal((invoice as unknown as Record<string, unknown>).payment_intent, undefined);
    assert.match(invoice.payments.data[0].id, /^inpay_/);
    assert.equal(invoice.payments.data[0].status, "paid");
    const pi = await h.stripe.paymentIntents.retrieve(invoicePaymentIntentId(invoice));
    assert.equal(pi.status, "succeeded");
    assert.equal(pi.amount, 1500);
    assert.equal(invoice.confirmation_secret?.client_secret, pi.client_secret);
    assert.equal(invoice.confirmation_secret?.type, "payment_intent");

    const created = (await h.stripe.events.list({ type: "customer.subscription.created", limit: 1 })).data[0];
    assert.equal((created.data.object as Stripe.Subscription).latest_invoice, invoice.id);
    assert.equal((created.data.object as Stripe.Subscription).status, "incomplete");
    const types = (await h.stripe.events.list({ limit: 30 })).data.map((e) => e.type).reverse();
    const fromCreation = types.slice(types.lastIndexOf("customer.subscription.created"));
    assert.deepEqual(fromCreation, [
      "customer.subscription.created",
      ...INVOICE_CHARGED_EVENTS,
      "customer.subscription.updated",
    ]);
  });

  test("payments and confirmation_secret are absent unless expanded; invoice.payment_intent cannot be expanded", async () => {
    const { customer, sub } = await offSessionWalletSubscription("amazon_pay", usdPrice);
    const invoice = await h.stripe.invoices.retrieve(sub.latest_invoice as string);
    assert.equal(invoice.payments, undefined);
    assert.equal(invoice.confirmation_secret, undefined);
    const res = await api(h.base, "GET", `/v1/subscriptions/${sub.id}?expand[]=latest_invoice.payment_intent`);
    assert.equal(res.status, 400);
    assert.match(res.json.error.message, /cannot be expanded \(latest_invoice\.payment_intent\)/);
    const list = await h.stripe.invoices.list({ subscription: sub.id });
    assert.deepEqual(
      list.data.map((i) => i.id),
      [invoice.id],
    );
    const byCustomer = await h.stripe.invoices.list({ customer: customer.id, status: "paid" });
    assert.deepEqual(
      byCustomer.data.map((i) => i.id),
      [invoice.id],
    );
  });

  test("a wallet without an active mandate leaves the subscription incomplete (allow_incomplete)", async () => {
    const customer = await h.stripe.customers.create({});
    const pm = await h.stripe.paymentMethods.create({ type: "amazon_pay" });
    await h.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      default_payment_method: pm.id,
      off_session: true,
      expand: ["latest_invoice.payments"],
    });
    assert.equal(sub.status, "incomplete");
    const invoice = latestInvoice(sub);
    assert.equal(invoice.status, "open");
    assert.equal(invoice.attempt_count, 1);
    const pi = await h.stripe.paymentIntents.retrieve(invoicePaymentIntentId(invoice));
    assert.equal(pi.status, "requires_payment_method");
    assert.equal(pi.last_payment_error?.code, "authentication_required");
    const failed = (await h.stripe.events.list({ type: "invoice.payment_failed", limit: 1 })).data[0];
    assert.equal((failed.data.object as Stripe.Invoice).id, invoice.id);
  });

  test("error_if_incomplete refuses to create a subscription that cannot be paid", async () => {
    const customer = await h.stripe.customers.create({});
    const err = await stripeError(
      h.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: usdPrice.id }],
        payment_behavior: "error_if_incomplete",
      }),
    );
    assert.equal(err.statusCode, 402);
    assert.equal((await h.stripe.subscriptions.list({ customer: customer.id, status: "all" })).data.length, 0);
  });

  test("default_incomplete waits for the PaymentIntent to be confirmed", async () => {
    const { customer, paymentMethod } = await savedWallet(h.stripe, "amazon_pay");
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id }],
      default_payment_method: paymentMethod,
      payment_behavior: "default_incomplete",
      payment_settings: { save_default_payment_method: "on_subscription" },
      expand: ["latest_invoice.payments"],
    });
    assert.equal(sub.status, "incomplete");
    const piId = invoicePaymentIntentId(latestInvoice(sub));
    assert.equal((await h.stripe.paymentIntents.retrieve(piId)).status, "requires_confirmation");
    const confirmed = await h.stripe.paymentIntents.confirm(piId, { off_session: true });
    assert.equal(confirmed.status, "succeeded");
    assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, "active");
  });
});

describe("Kakao Pay subscription (seed 002)", () => {
  test("incomplete until the first PaymentIntent is confirmed with return_url and authorized → active", async () => {
    const { sub } = await offSessionWalletSubscription("kakao_pay", krwPrice, {
      expand: ["latest_invoice.payments", "latest_invoice.confirmation_secret"],
    });
    assert.equal(sub.status, "incomplete");
    const invoice = latestInvoice(sub);
    assert.equal(invoice.status, "open");
    assert.equal(invoice.currency, "krw");
    assert.equal(invoice.amount_due, 100000);
    const piId = invoicePaymentIntentId(invoice);
    const pi = await h.stripe.paymentIntents.retrieve(piId);
    assert.ok(["requires_payment_method", "requires_confirmation"].includes(pi.status));
    assert.equal(invoice.confirmation_secret?.client_secret, pi.client_secret);

    const confirmed = await h.stripe.paymentIntents.confirm(piId, {
      return_url: "https://merchant.example/subscribed",
    });
    assert.equal(confirmed.status, "requires_action");
    const back = await clickButton(confirmed.next_action!.redirect_to_url!.url!, "Authorize test payment");
    const location = new URL(back.location!);
    assert.equal(location.searchParams.get("payment_intent"), piId);
    assert.equal(location.searchParams.get("redirect_status"), "succeeded");

    const active = await h.stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice"] });
    assert.equal(active.status, "active");
    assert.equal((active.latest_invoice as Stripe.Invoice).status, "paid");
    assert.equal((active.latest_invoice as Stripe.Invoice).amount_paid, 100000);
    const updated = (await h.stripe.events.list({ type: "customer.subscription.updated", limit: 1 })).data[0];
    assert.equal((updated.data.object as Stripe.Subscription).status, "active");
    assert.equal((updated.data.previous_attributes as Partial<Stripe.Subscription>).status, "incomplete");
  });

  test("confirming with payment_method_data as in the guide also works, and failing keeps it incomplete", async () => {
    const { paymentMethod, sub } = await offSessionWalletSubscription("kakao_pay", krwPrice, {
      expand: ["latest_invoice.payments"],
    });
    const piId = invoicePaymentIntentId(latestInvoice(sub));
    const first = await h.stripe.paymentIntents.confirm(piId, {
      return_url: "https://merchant.example/subscribed",
      payment_method_data: { type: "kakao_pay" },
    });
    await clickButton(first.next_action!.redirect_to_url!.url!, "Fail test payment");
    assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, "incomplete");
    assert.equal((await h.stripe.paymentIntents.retrieve(piId)).status, "requires_payment_method");
    const second = await h.stripe.paymentIntents.confirm(piId, {
      return_url: "https://merchant.example/subscribed",
      payment_method: paymentMethod,
    });
    await clickButton(second.next_action!.redirect_to_url!.url!, "Authorize test payment");
    assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, "active");
  });

  test("a Kakao Pay default method with a USD price is rejected", async () => {
    const { customer, paymentMethod } = await savedWallet(h.stripe, "kakao_pay");
    const err = await stripeError(
      h.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: usdPrice.id }],
        default_payment_method: paymentMethod,
      }),
    );
    assert.equal(err.statusCode, 400);
  });
});

describe("subscription management", () => {
  test("update cancel_at_period_end and default_payment_method; cancel → canceled", async () => {
    const { customer, sub } = await offSessionWalletSubscription("amazon_pay", usdPrice, {
      metadata: { plan: "basic" },
    });
    const pending = await h.stripe.subscriptions.update(sub.id, {
      cancel_at_period_end: true,
      metadata: { plan: "pro" },
    });
    assert.equal(pending.cancel_at_period_end, true);
    assert.equal(pending.cancel_at, sub.items.data[0].current_period_end);
    assert.equal(pending.metadata.plan, "pro");
    const ev = (await h.stripe.events.list({ type: "customer.subscription.updated", limit: 1 })).data[0];
    assert.equal((ev.data.previous_attributes as Partial<Stripe.Subscription>).cancel_at_period_end, false);

    const other = await h.stripe.customers.create({});
    const foreign = await h.stripe.paymentMethods.create({ type: "amazon_pay" });
    await h.stripe.paymentMethods.attach(foreign.id, { customer: other.id });
    const bad = await stripeError(h.stripe.subscriptions.update(sub.id, { default_payment_method: foreign.id }));
    assert.equal(bad.param, "default_payment_method");

    const canceled = await h.stripe.subscriptions.cancel(sub.id);
    assert.equal(canceled.status, "canceled");
    assert.equal(typeof canceled.canceled_at, "number");
    const deleted = (await h.stripe.events.list({ type: "customer.subscription.deleted", limit: 1 })).data[0];
    assert.equal((deleted.data.object as Stripe.Subscription).id, sub.id);

    assert.equal((await h.stripe.subscriptions.list({ customer: customer.id })).data.length, 0);
    assert.deepEqual(
      (await h.stripe.subscriptions.list({ customer: customer.id, status: "all" })).data.map((s) => s.id),
      [sub.id],
    );
    assert.deepEqual(
      (await h.stripe.subscriptions.list({ customer: customer.id, status: "canceled" })).data.map((s) => s.id),
      [sub.id],
    );
  });

  test("validation: customer and items are required, prices must be recurring, unknown params rejected", async () => {
    const customer = await h.stripe.customers.create({});
    assert.equal(
      (await stripeError(h.stripe.subscriptions.create({ items: [{ price: usdPrice.id }] }))).param,
      "customer",
    );
    assert.equal((await stripeError(h.stripe.subscriptions.create({ customer: customer.id }))).param, "items");
    const oneTime = await h.stripe.prices.create({ currency: "usd", unit_amount: 500, product_data: { name: "Once" } });
    assert.equal(
      (await stripeError(h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: oneTime.id }] })))
        .param,
      "items[0][price]",
    );
    const res = await api(h.base, "POST", "/v1/subscriptions", {
      body: `customer=${customer.id}&items[0][price]=${usdPrice.id}&items[0][colour]=red`,
    });
    assert.equal(res.json.error.code, "parameter_unknown");
    assert.equal(res.json.error.param, "items[0][colour]");
  });

  test("without any payment method the subscription is incomplete with a PaymentIntent awaiting one", async () => {
    const customer = await h.stripe.customers.create({});
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: usdPrice.id, quantity: 2 }],
      payment_behavior: "default_incomplete",
      payment_settings: { payment_method_types: ["amazon_pay"] },
      expand: ["latest_invoice.payments", "latest_invoice.confirmation_secret", "pending_setup_intent"],
    });
    assert.equal(sub.status, "incomplete");
    assert.equal(sub.pending_setup_intent, null);
    const invoice = latestInvoice(sub);
    assert.equal(invoice.amount_due, 3000);
    const pi = await h.stripe.paymentIntents.retrieve(invoicePaymentIntentId(invoice));
    assert.equal(pi.status, "requires_payment_method");
    assert.deepEqual(pi.payment_method_types, ["amazon_pay"]);
    assert.ok(invoice.confirmation_secret?.client_secret.startsWith(pi.id));
  });
});
