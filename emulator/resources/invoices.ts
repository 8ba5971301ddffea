/**
 * /v1/invoices. Invoices are created by subscriptions; each is paid through a
 * PaymentIntent recorded as an InvoicePayment. `payments` and
 * `confirmation_secret` are includable: only present when expanded.
 * Subscription discounts reduce the total (`discounts`,
 * `total_discount_amounts`, lines' `discount_amounts`); a zero total is paid
 * on finalization without a PaymentIntent. Timestamps follow the customer's
 * test clock when it has one.
 */
import type Stripe from "stripe";
import type { App } from "../app.js";
import type { Store } from "../store.js";
import { route, type RequestInfo } from "../http/router.js";
import { fields, oneOf } from "../http/params.js";
import { newId, randomAlnum } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { changedAttributes, recordEvent } from "../events.js";
import { registerIncludable } from "../expand.js";
import { idOf, mustGet } from "./common.js";
import { wireDecimal } from "./prices.js";
import { onSubscriptionInvoiceFailed, onSubscriptionInvoicePaid } from "./subscriptions.js";
import { nowFor } from "./test-clocks.js";

export function getInvoice(app: App, id: string, param = "id"): Stripe.Invoice {
  return mustGet(app.store.invoices, id, "invoice", param);
}

/** An invoice's InvoicePayments, newest first. */
function paymentsOf(store: Store, invoiceId: string): Stripe.InvoicePayment[] {
  return (store.internal.invoicePayments[invoiceId] ?? [])
    .map((id) => store.invoicePayments.get(id))
    .filter((p): p is Stripe.InvoicePayment => p !== undefined)
    .reverse();
}

registerIncludable("invoice", "payments", (store, invoice): Stripe.ApiList<Stripe.InvoicePayment> => {
  const id = String(invoice.id);
  return { object: "list", data: paymentsOf(store, id), has_more: false, url: `/v1/invoices/${id}/payments` };
});

registerIncludable("invoice", "confirmation_secret", (store, invoice): Stripe.Invoice.ConfirmationSecret | null => {
  const piId = paymentsOf(store, String(invoice.id))[0]?.payment.payment_intent;
  const pi = typeof piId === "string" ? store.paymentIntents.get(piId) : undefined;
  return pi?.client_secret ? { client_secret: pi.client_secret, type: "payment_intent" } : null;
});

export interface LineInput {
  subscriptionItem: string;
  price: Stripe.Price;
  quantity: number;
  periodStart: number;
  periodEnd: number;
  /** A trial period line: amount 0, "Trial period for <product>". */
  trial?: boolean;
}

/** A discount applied to an invoice, with the coupon it came from. */
export interface DiscountUse {
  discount: { id: string };
  coupon: Stripe.Coupon;
}

export interface DiscountResult {
  /** Per line, per discount. */
  perLine: Stripe.InvoiceLineItem.DiscountAmount[][];
  /** Per discount, summed over the lines. */
  totals: Stripe.Invoice.TotalDiscountAmount[];
  total: number;
}

/**
 * Applies discounts in order to the line amounts: percent_off takes that
 * share of what is left of each line (rounded), amount_off is spread over the
 * lines in proportion, never below zero. Amounts are in the currency's
 * smallest unit, so zero-decimal currencies need nothing special.
 */
export function computeDiscounts(lineAmounts: number[], uses: DiscountUse[]): DiscountResult {
  const remaining = [...lineAmounts];
  const perLine: Stripe.InvoiceLineItem.DiscountAmount[][] = lineAmounts.map(() => []);
  const totals: Stripe.Invoice.TotalDiscountAmount[] = [];
  for (const { discount, coupon } of uses) {
    const amounts = remaining.map(() => 0);
    if (coupon.percent_off !== null) {
      remaining.forEach((r, i) => (amounts[i] = Math.min(r, Math.round((r * coupon.percent_off!) / 100))));
    } else if (coupon.amount_off !== null) {
      const left = remaining.reduce((a, b) => a + b, 0);
      const off = Math.min(coupon.amount_off, left);
      let given = 0;
      remaining.forEach((r, i) => {
        amounts[i] = left === 0 ? 0 : Math.floor((off * r) / left);
        given += amounts[i];
      });
      // Whatever rounding left over goes to the lines that still have room.
      for (let i = 0; given < off && i < remaining.length; i++) {
        const extra = Math.min(off - given, remaining[i] - amounts[i]);
        amounts[i] += extra;
        given += extra;
      }
    }
    amounts.forEach((a, i) => {
      remaining[i] -= a;
      perLine[i].push({ amount: a, discount: discount.id });
    });
    totals.push({ amount: amounts.reduce((a, b) => a + b, 0), discount: discount.id });
  }
  return { perLine, totals, total: totals.reduce((a, t) => a + t.amount, 0) };
}

export function lineAmount(line: LineInput): number {
  return line.trial ? 0 : (line.price.unit_amount ?? 0) * line.quantity;
}

export interface InvoiceOptions {
  id?: string;
  discounts?: DiscountUse[];
  /** The invoice's own period (a renewal's is the period just ended); defaults to now. */
  periodStart?: number;
  periodEnd?: number;
}

/** A draft subscription invoice with one line per subscription item. */
export function createSubscriptionInvoice(
  app: App,
  origin: RequestInfo,
  sub: Stripe.Subscription,
  customer: Stripe.Customer,
  lines: LineInput[],
  billingReason: Stripe.Invoice.BillingReason,
  opts: InvoiceOptions = {},
): Stripe.Invoice {
  const id = opts.id ?? newId("in");
  const now = nowFor(app, customer);
  const uses = opts.discounts ?? [];
  const discounted = computeDiscounts(lines.map(lineAmount), uses);
  const lineItems: Stripe.InvoiceLineItem[] = lines.map((l, i) => {
    const amount = lineAmount(l);
    const productName = app.store.products.get(String(l.price.product))?.name ?? "Subscription";
    return {
      id: newId("il"),
      object: "line_item",
      amount,
      currency: l.price.currency,
      description: l.trial ? `Trial period for ${productName}` : `${l.quantity} × ${productName}`,
      discount_amounts: discounted.perLine[i],
      discountable: true,
      discounts: [],
      invoice: id,
      livemode: false,
      metadata: {},
      parent: {
        type: "subscription_item_details",
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: null,
          proration: false,
          proration_details: { credited_items: null },
          subscription: sub.id,
          subscription_item: l.subscriptionItem,
        },
      },
      period: { start: l.periodStart, end: l.periodEnd },
      pretax_credit_amounts: [],
      pricing: {
        type: "price_details",
        price_details: { price: l.price.id, product: String(l.price.product) },
        unit_amount_decimal: l.price.unit_amount_decimal,
      },
      quantity: l.quantity,
      quantity_decimal: wireDecimal(l.quantity),
      subscription: sub.id,
      subtotal: amount,
      taxes: [],
    };
  });
  const subtotal = lineItems.reduce((sum, l) => sum + l.amount, 0);
  const total = subtotal - discounted.total;
  const invoice: Stripe.Invoice = {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "Local emulator account",
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: billingReason,
    collection_method: "charge_automatically",
    created: now,
    currency: sub.currency,
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: customer.email,
    customer_name: customer.name ?? null,
    customer_phone: customer.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: uses.map((u) => u.discount.id),
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: "list", data: lineItems, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: {
      type: "subscription_details",
      quote_details: null,
      subscription_details: { metadata: { ...sub.metadata }, subscription: sub.id },
    },
    payment_settings: {
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: sub.payment_settings?.payment_method_types ?? null,
    },
    period_end: opts.periodEnd ?? now,
    period_start: opts.periodStart ?? now,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "draft",
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal,
    subtotal_excluding_tax: subtotal,
    test_clock: sub.test_clock,
    total,
    total_discount_amounts: discounted.totals,
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
  app.store.invoices.insert(invoice);
  recordEvent(app, origin, "invoice.created", invoice);
  return invoice;
}

/** draft → open, numbered; a zero total is paid on the spot. */
export function finalizeInvoice(
  app: App,
  origin: RequestInfo,
  invoice: Stripe.Invoice,
  customer: Stripe.Customer,
): void {
  const before = structuredClone(invoice);
  const seq = (app.store.internal.invoiceNumberSeq += 1);
  invoice.number = `${customer.invoice_prefix ?? "EMU"}-${String(seq).padStart(4, "0")}`;
  const now = nowFor(app, customer);
  invoice.status = "open";
  invoice.effective_at = now;
  // Like Stripe, a finalized invoice gets its hosted page and PDF, reachable by an unguessable token.
  const token = `test_${randomAlnum(40)}`;
  app.store.internal.hostedInvoices[token] = invoice.id;
  invoice.hosted_invoice_url = `${app.config.publicUrl}/i/${token}`;
  invoice.invoice_pdf = `${app.config.publicUrl}/i/${token}/pdf`;
  invoice.status_transitions = { ...invoice.status_transitions, finalized_at: now };
  recordEvent(app, origin, "invoice.finalized", invoice, changedAttributes(before, invoice));
  if (invoice.amount_due === 0) markInvoicePaid(app, origin, invoice);
}

/** Links a PaymentIntent to the invoice as its (default) InvoicePayment. */
export function addInvoicePayment(app: App, invoice: Stripe.Invoice, pi: Stripe.PaymentIntent): Stripe.InvoicePayment {
  const payment: Stripe.InvoicePayment = {
    id: newId("inpay"),
    object: "invoice_payment",
    amount_paid: null,
    amount_requested: pi.amount,
    created: nowFor(app, idOf(invoice.customer)),
    currency: pi.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { type: "payment_intent", payment_intent: pi.id },
    status: "open",
    status_transitions: { canceled_at: null, paid_at: null },
  };
  app.store.invoicePayments.insert(payment);
  (app.store.internal.invoicePayments[invoice.id] ??= []).push(payment.id);
  app.store.internal.invoiceForPaymentIntent[pi.id] = invoice.id;
  return payment;
}

function markInvoicePaid(app: App, origin: RequestInfo, invoice: Stripe.Invoice, pi?: Stripe.PaymentIntent): void {
  const before = structuredClone(invoice);
  const now = nowFor(app, idOf(invoice.customer));
  invoice.status = "paid";
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.attempted = true;
  if (pi) invoice.attempt_count += 1;
  invoice.status_transitions = { ...invoice.status_transitions, paid_at: now };
  const previous = changedAttributes(before, invoice);
  recordEvent(app, origin, "invoice.paid", invoice, previous);
  recordEvent(app, origin, "invoice.payment_succeeded", invoice, previous);
  onSubscriptionInvoicePaid(app, origin, invoice, pi);
}

function invoiceFor(app: App, pi: Stripe.PaymentIntent): Stripe.Invoice | undefined {
  const id = app.store.internal.invoiceForPaymentIntent[pi.id];
  return id ? app.store.invoices.get(id) : undefined;
}

export function onInvoicePaymentSucceeded(app: App, origin: RequestInfo, pi: Stripe.PaymentIntent): void {
  const invoice = invoiceFor(app, pi);
  if (!invoice || invoice.status === "paid") return;
  for (const payment of paymentsOf(app.store, invoice.id)) {
    if (payment.payment.payment_intent !== pi.id) continue;
    payment.status = "paid";
    payment.amount_paid = pi.amount_received;
    payment.status_transitions = { ...payment.status_transitions, paid_at: nowFor(app, idOf(invoice.customer)) };
    recordEvent(app, origin, "invoice_payment.paid", payment, { status: "open", amount_paid: null });
  }
  markInvoicePaid(app, origin, invoice, pi);
}

export function onInvoicePaymentFailed(app: App, origin: RequestInfo, pi: Stripe.PaymentIntent): void {
  const invoice = invoiceFor(app, pi);
  if (invoice) recordFailedPayment(app, origin, invoice);
}

/**
 * A failed payment attempt, or a renewal that could not even be attempted (no
 * payment method): the invoice stays open and its subscription hears of it.
 */
export function recordFailedPayment(app: App, origin: RequestInfo, invoice: Stripe.Invoice): void {
  if (invoice.status !== "open") return;
  const before = structuredClone(invoice);
  invoice.attempted = true;
  invoice.attempt_count += 1;
  recordEvent(app, origin, "invoice.payment_failed", invoice, changedAttributes(before, invoice));
  onSubscriptionInvoiceFailed(app, origin, invoice);
}

/** An unpaid invoice of a subscription that expired (incomplete_expired). */
export function voidInvoice(app: App, origin: RequestInfo, invoice: Stripe.Invoice): void {
  if (invoice.status !== "open" && invoice.status !== "draft") return;
  const before = structuredClone(invoice);
  invoice.status = "void";
  invoice.status_transitions = { ...invoice.status_transitions, voided_at: nowFor(app, idOf(invoice.customer)) };
  recordEvent(app, origin, "invoice.voided", invoice, changedAttributes(before, invoice));
}

export function onInvoicePaymentActionRequired(app: App, origin: RequestInfo, pi: Stripe.PaymentIntent): void {
  const invoice = invoiceFor(app, pi);
  if (!invoice || invoice.status !== "open") return;
  recordEvent(app, origin, "invoice.payment_action_required", invoice);
}

export const invoiceRoutes = [
  route<Stripe.InvoiceRetrieveParams>({
    method: "GET",
    path: "/v1/invoices/:id",
    spec: fields<Stripe.InvoiceRetrieveParams>({}),
    handle: ({ app, path }) => getInvoice(app, path.id),
  }),
  route<Stripe.InvoiceListParams>({
    method: "GET",
    path: "/v1/invoices",
    spec: fields<Stripe.InvoiceListParams>({
      ...paginationSpec,
      customer: "string",
      subscription: "string",
      status: oneOf("draft", "open", "paid", "uncollectible", "void"),
    }),
    handle({ app, params, url }) {
      const items = app.store.invoices
        .newestFirst()
        .filter((i) => params.customer === undefined || i.customer === params.customer)
        .filter(
          (i) =>
            params.subscription === undefined || i.parent?.subscription_details?.subscription === params.subscription,
        )
        .filter((i) => params.status === undefined || i.status === params.status);
      return paginate(items, params, url, "invoice");
    },
  }),
  route<Stripe.InvoicePaymentRetrieveParams>({
    method: "GET",
    path: "/v1/invoice_payments/:id",
    spec: fields<Stripe.InvoicePaymentRetrieveParams>({}),
    handle: ({ app, path }) => mustGet(app.store.invoicePayments, path.id, "invoice_payment"),
  }),
  route<Stripe.InvoicePaymentListParams>({
    method: "GET",
    path: "/v1/invoice_payments",
    spec: fields<Stripe.InvoicePaymentListParams>({ ...paginationSpec, invoice: "string" }),
    handle({ app, params, url }) {
      const items = app.store.invoicePayments
        .newestFirst()
        .filter((p) => params.invoice === undefined || p.invoice === params.invoice);
      return paginate(items, params, url, "invoice_payment");
    },
  }),
];
