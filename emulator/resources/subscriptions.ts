/**
 * /v1/subscriptions.
 *
 * Creating one makes a finalized invoice paid through a PaymentIntent. With a
 * default wallet PaymentMethod that has an active mandate the first invoice is
 * charged at once (Amazon Pay) → active. Kakao Pay's first payment waits for
 * the customer: its PaymentIntent is confirmed with a return_url and
 * authorized on the redirect page, then the invoice is paid → active.
 * `current_period_*` live on the subscription items in this API version.
 */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type Ctx, type RequestInfo } from "../http/router.js";
import { arrayOf, fields, objectOf, oneOf } from "../http/params.js";
import { invalidRequest, parameterInvalid, parameterMissing, StripeError } from "../http/errors.js";
import { newId, nowSeconds } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { changedAttributes, recordEvent } from "../events.js";
import { walletInfo, KNOWN_PAYMENT_METHOD_TYPES } from "../wallets.js";
import { emptyToNull, idOf, mergeMetadata, mustGet } from "./common.js";
import { getCustomer } from "./customers.js";
import { getPrice } from "./prices.js";
import { getPaymentMethod } from "./payment-methods.js";
import { activeMandateFor } from "./mandates.js";
import { buildPaymentIntent, confirmPaymentIntent } from "./payment-intents.js";
import { addInvoicePayment, createSubscriptionInvoice, finalizeInvoice } from "./invoices.js";

export function getSubscription(app: App, id: string, param = "id"): Stripe.Subscription {
  return mustGet(app.store.subscriptions, id, "subscription", param);
}

/** Adds billing intervals, clamping to month ends as Stripe does (Jan 31 + 1 month = Feb 28). */
export function addInterval(start: number, interval: string, count: number): number {
  if (interval === "day") return start + count * 86_400;
  if (interval === "week") return start + count * 7 * 86_400;
  const months = interval === "year" ? 12 * count : count;
  const d = new Date(start * 1000);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return Math.floor(d.getTime() / 1000);
}

function planFromPrice(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: "per_unit",
    created: price.created,
    currency: price.currency,
    interval: price.recurring!.interval,
    interval_count: price.recurring!.interval_count,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  };
}

interface ResolvedItem {
  price: Stripe.Price;
  quantity: number;
  metadata: Stripe.Metadata;
}

function resolveItems(app: App, items: Stripe.SubscriptionCreateParams.Item[] | undefined): ResolvedItem[] {
  if (!items || items.length === 0) throw parameterMissing("items");
  const resolved = items.map((item, i) => {
    const param = `items[${i}][price]`;
    if (!item.price) throw parameterMissing(param);
    const price = getPrice(app, item.price, param);
    if (!price.recurring) {
      throw invalidRequest(
        "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.",
        { param },
      );
    }
    if (!price.active) throw invalidRequest(`The price specified is inactive. This field only accepts active prices.`, { param });
    const quantity = item.quantity ?? 1;
    if (quantity < 1) throw parameterInvalid(`items[${i}][quantity]`, "This value must be greater than or equal to 1.");
    return { price, quantity, metadata: mergeMetadata({}, item.metadata) };
  });
  const first = resolved[0].price;
  resolved.forEach(({ price }, i) => {
    if (price.currency !== first.currency) {
      throw invalidRequest(`All prices on a subscription must have the same currency (${first.currency}).`, { param: `items[${i}][price]` });
    }
    if (price.recurring!.interval !== first.recurring!.interval || price.recurring!.interval_count !== first.recurring!.interval_count) {
      throw invalidRequest("All prices on a subscription must have the same recurring interval.", { param: `items[${i}][price]` });
    }
  });
  return resolved;
}

function ownPaymentMethod(app: App, customer: Stripe.Customer, pmId: string, param: string): Stripe.PaymentMethod {
  const pm = getPaymentMethod(app, pmId, param);
  if (pm.customer !== customer.id) {
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${pmId}. The payment method must be attached to the customer.`,
      { param },
    );
  }
  return pm;
}

type Outcome = "no_payment_method" | "needs_customer" | "charge" | "no_mandate";

/** What happens when the first invoice is attempted, decided before anything is created. */
function predictOutcome(app: App, pm: Stripe.PaymentMethod | null): Outcome {
  if (!pm) return "no_payment_method";
  if (walletInfo(pm.type)?.firstSubscriptionPaymentNeedsCustomer) return "needs_customer";
  return activeMandateFor(app, pm.id) ? "charge" : "no_mandate";
}

function setStatus(app: App, origin: RequestInfo, sub: Stripe.Subscription, change: (s: Stripe.Subscription) => void): void {
  const before = structuredClone(sub);
  change(sub);
  const previous = changedAttributes(before, sub);
  if (Object.keys(previous).length > 0) recordEvent(app, origin, "customer.subscription.updated", sub, previous);
}

/** Invoice paid → an incomplete/past-due subscription becomes active. */
export function onSubscriptionInvoicePaid(
  app: App,
  origin: RequestInfo,
  invoice: Stripe.Invoice,
  pi: Stripe.PaymentIntent | undefined,
): void {
  const subId = idOf(invoice.parent?.subscription_details?.subscription ?? null);
  const sub = subId ? app.store.subscriptions.get(subId) : undefined;
  if (!sub || sub.status === "canceled") return;
  setStatus(app, origin, sub, (s) => {
    if (["incomplete", "past_due", "unpaid"].includes(s.status)) s.status = "active";
    // The method the customer just paid with becomes the subscription's default.
    const pmId = pi ? idOf(pi.payment_method) : null;
    if (!s.default_payment_method && pmId && app.store.paymentMethods.get(pmId)?.customer === idOf(s.customer)) {
      s.default_payment_method = pmId;
    }
  });
}

/** A failed renewal would make it past_due; the first invoice leaves it incomplete. */
export function onSubscriptionInvoiceFailed(app: App, origin: RequestInfo, invoice: Stripe.Invoice): void {
  const subId = idOf(invoice.parent?.subscription_details?.subscription ?? null);
  const sub = subId ? app.store.subscriptions.get(subId) : undefined;
  if (!sub || invoice.billing_reason === "subscription_create") return;
  setStatus(app, origin, sub, (s) => {
    if (s.status === "active") s.status = "past_due";
  });
}

const paymentSettingsSpec = objectOf(
  fields<Stripe.SubscriptionCreateParams.PaymentSettings>({
    payment_method_types: arrayOf("string"),
    save_default_payment_method: oneOf("off", "on_subscription"),
    payment_method_options: "any",
  }),
);

function resolvePaymentSettings(
  input: Stripe.SubscriptionCreateParams.PaymentSettings | undefined,
): Stripe.Subscription.PaymentSettings {
  const types = input?.payment_method_types || null;
  types?.forEach((t, i) => {
    if (!(KNOWN_PAYMENT_METHOD_TYPES as readonly string[]).includes(t)) {
      throw parameterInvalid(`payment_settings[payment_method_types][${i}]`, `Invalid payment_settings[payment_method_types][${i}]: ${t}`);
    }
  });
  return {
    payment_method_options: null,
    payment_method_types: types,
    save_default_payment_method: input?.save_default_payment_method ?? "off",
  };
}

function createSubscription(ctx: Ctx<Stripe.SubscriptionCreateParams>): Stripe.Subscription {
  const { app, params, request } = ctx;
  if (!params.customer) throw parameterMissing("customer");
  const customer = getCustomer(app, params.customer, "customer");
  const items = resolveItems(app, params.items);
  if (params.collection_method && params.collection_method !== "charge_automatically") {
    throw invalidRequest("Only collection_method=charge_automatically is supported by the local Stripe emulator.", {
      param: "collection_method",
    });
  }
  const paymentSettings = resolvePaymentSettings(params.payment_settings);
  const explicitPm = params.default_payment_method
    ? ownPaymentMethod(app, customer, params.default_payment_method, "default_payment_method")
    : null;
  const fallbackId = idOf(customer.invoice_settings.default_payment_method);
  const pm = explicitPm ?? (fallbackId ? (app.store.paymentMethods.get(fallbackId) ?? null) : null);
  const currency = items[0].price.currency;
  const types = paymentSettings.payment_method_types ?? [...KNOWN_PAYMENT_METHOD_TYPES];
  if (pm && !types.includes(pm.type)) {
    throw invalidRequest(
      `The default payment method (${pm.type}) is not in payment_settings[payment_method_types].`,
      { param: "default_payment_method" },
    );
  }
  const wallet = pm ? walletInfo(pm.type) : null;
  if (pm && wallet?.currencies && !wallet.currencies.includes(currency)) {
    throw invalidRequest(
      `The currency provided (${currency}) is invalid. Payments with ${pm.type} support the following currencies: ${wallet.currencies.join(", ")}.`,
      { param: "items[0][price]" },
    );
  }
  const behavior = params.payment_behavior ?? "allow_incomplete";
  const outcome = predictOutcome(app, pm);
  if (behavior === "error_if_incomplete" && outcome !== "charge") {
    throw new StripeError({
      status: 402,
      type: "card_error",
      code: outcome === "needs_customer" ? "invoice_payment_intent_requires_action" : "authentication_required",
      message:
        outcome === "no_payment_method"
          ? "This customer has no attached payment source or default payment method. Please consider adding a default payment method."
          : "The first payment of this subscription needs the customer (payment_behavior=error_if_incomplete), so the subscription was not created.",
      saveIdempotent: true,
    });
  }

  const now = nowSeconds();
  const id = newId("sub");
  const periodEnd = addInterval(now, items[0].price.recurring!.interval, items[0].price.recurring!.interval_count);
  const subItems: Stripe.SubscriptionItem[] = items.map((item) => ({
    id: newId("si"),
    object: "subscription_item",
    billing_thresholds: null,
    created: now,
    current_period_end: periodEnd,
    current_period_start: now,
    current_trial: null,
    discounts: [],
    metadata: item.metadata,
    plan: planFromPrice(item.price),
    price: structuredClone(item.price),
    quantity: item.quantity,
    subscription: id,
    tax_rates: [],
  }));
  const cancelAtPeriodEnd = params.cancel_at_period_end ?? false;
  const sub: Stripe.Subscription = {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: now,
    billing_cycle_anchor_config: null,
    billing_mode: { type: "flexible", flexible: { proration_discounts: "included" }, updated_at: now },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: cancelAtPeriodEnd ? periodEnd : null,
    cancel_at_period_end: cancelAtPeriodEnd,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: "charge_automatically",
    created: now,
    currency,
    customer: customer.id,
    customer_account: null,
    days_until_due: null,
    default_payment_method: explicitPm?.id ?? null,
    default_source: null,
    default_tax_rates: [],
    description: emptyToNull(params.description),
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: "self" } },
    items: { object: "list", data: subItems, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: mergeMetadata({}, params.metadata),
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: paymentSettings,
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: "incomplete",
    test_clock: customer.test_clock ? idOf(customer.test_clock) : null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: "create_invoice" } },
    trial_start: null,
  };
  // The invoice id is known up front so the created event already names it.
  const invoiceId = newId("in");
  sub.latest_invoice = invoiceId;
  app.store.subscriptions.insert(sub);
  recordEvent(app, request, "customer.subscription.created", sub);

  const invoice = createSubscriptionInvoice(
    app,
    request,
    sub,
    customer,
    subItems.map((si, i) => ({
      subscriptionItem: si.id,
      price: items[i].price,
      quantity: items[i].quantity,
      periodStart: now,
      periodEnd,
    })),
    "subscription_create",
    invoiceId,
  );
  finalizeInvoice(app, request, invoice, customer);
  if (invoice.amount_due === 0) return sub;
  const pi = buildPaymentIntent({
    amount: invoice.amount_due,
    currency,
    customer: customer.id,
    description: "Subscription creation",
    types,
    allowed: paymentSettings.payment_method_types,
    setupFutureUsage: paymentSettings.save_default_payment_method === "on_subscription" ? "off_session" : null,
  });
  const attempt = pm !== null && behavior !== "default_incomplete" && outcome !== "needs_customer";
  if (pm && !attempt) {
    // Not attempted: the customer confirms this PaymentIntent (with a return_url).
    pi.payment_method = pm.id;
    pi.status = "requires_confirmation";
  }
  app.store.paymentIntents.insert(pi);
  addInvoicePayment(app, invoice, pi);
  recordEvent(app, request, "payment_intent.created", pi);
  if (pm && attempt) {
    try {
      confirmPaymentIntent(ctx, pi, { payment_method: pm.id, off_session: true });
    } catch (err) {
      // allow_incomplete: the failure stays on the PaymentIntent and the invoice.
      if (!(err instanceof StripeError) || err.status !== 402) throw err;
    }
  }
  return sub;
}

type ListParams = Omit<Stripe.SubscriptionListParams, "status"> & { status?: string };

export const subscriptionRoutes = [
  route<Stripe.SubscriptionCreateParams>({
    method: "POST",
    path: "/v1/subscriptions",
    spec: fields<Stripe.SubscriptionCreateParams>({
      customer: "string",
      items: arrayOf(
        objectOf(
          fields<Stripe.SubscriptionCreateParams.Item>({ price: "string", quantity: "integer", metadata: "metadata" }),
        ),
      ),
      default_payment_method: "string",
      off_session: "boolean",
      payment_behavior: oneOf("allow_incomplete", "default_incomplete", "error_if_incomplete"),
      payment_settings: paymentSettingsSpec,
      cancel_at_period_end: "boolean",
      collection_method: oneOf("charge_automatically", "send_invoice"),
      description: "string",
      metadata: "metadata",
      proration_behavior: oneOf("always_invoice", "create_prorations", "none"),
    }),
    handle: createSubscription,
  }),
  route<Stripe.SubscriptionRetrieveParams>({
    method: "GET",
    path: "/v1/subscriptions/:id",
    spec: fields<Stripe.SubscriptionRetrieveParams>({}),
    handle: ({ app, path }) => getSubscription(app, path.id),
  }),
  route<Stripe.SubscriptionUpdateParams>({
    method: "POST",
    path: "/v1/subscriptions/:id",
    spec: fields<Stripe.SubscriptionUpdateParams>({
      default_payment_method: "string",
      cancel_at_period_end: "boolean",
      metadata: "metadata",
      description: "string",
      off_session: "boolean",
      payment_behavior: oneOf("allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"),
      payment_settings: paymentSettingsSpec,
      proration_behavior: oneOf("always_invoice", "create_prorations", "none"),
      cancellation_details: objectOf({ comment: "string", feedback: "string" }),
    }),
    handle({ app, path, params, request }) {
      const sub = getSubscription(app, path.id);
      if (sub.status === "canceled") {
        throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.", {
          code: "invalid_canceled_subscription_fields",
        });
      }
      const customer = getCustomer(app, idOf(sub.customer)!, "customer");
      const before = structuredClone(sub);
      if (params.default_payment_method !== undefined) {
        sub.default_payment_method = params.default_payment_method
          ? ownPaymentMethod(app, customer, params.default_payment_method, "default_payment_method").id
          : null;
      }
      if (params.cancel_at_period_end !== undefined) {
        sub.cancel_at_period_end = params.cancel_at_period_end;
        sub.cancel_at = params.cancel_at_period_end ? sub.items.data[0].current_period_end : null;
        sub.cancellation_details = {
          ...(sub.cancellation_details ?? { comment: null, feedback: null, feedback_option: null }),
          reason: params.cancel_at_period_end ? "cancellation_requested" : null,
        };
      }
      if (params.cancellation_details) {
        const details = params.cancellation_details;
        sub.cancellation_details = {
          ...(sub.cancellation_details ?? { comment: null, feedback: null, feedback_option: null, reason: null }),
          comment: emptyToNull(details.comment ?? null),
          feedback: (emptyToNull(details.feedback ?? null) as Stripe.Subscription.CancellationDetails.Feedback | null),
        };
      }
      if (params.metadata !== undefined) sub.metadata = mergeMetadata(sub.metadata, params.metadata);
      if (params.description !== undefined) sub.description = emptyToNull(params.description);
      if (params.payment_settings !== undefined) sub.payment_settings = resolvePaymentSettings(params.payment_settings);
      const previous = changedAttributes(before, sub);
      if (Object.keys(previous).length > 0) recordEvent(app, request, "customer.subscription.updated", sub, previous);
      return sub;
    },
  }),
  route<Stripe.SubscriptionCancelParams>({
    method: "DELETE",
    path: "/v1/subscriptions/:id",
    spec: fields<Stripe.SubscriptionCancelParams>({
      invoice_now: "boolean",
      prorate: "boolean",
      cancellation_details: objectOf({ comment: "string", feedback: "string" }),
    }),
    handle({ app, path, params, request }) {
      const sub = getSubscription(app, path.id);
      if (sub.status === "canceled") {
        throw invalidRequest(`No such subscription: '${sub.id}'. It has already been canceled.`, {
          code: "resource_missing",
        });
      }
      const before = structuredClone(sub);
      const now = nowSeconds();
      sub.status = "canceled";
      sub.canceled_at = now;
      sub.ended_at = now;
      sub.cancellation_details = {
        comment: emptyToNull(params.cancellation_details?.comment ?? null),
        feedback: (emptyToNull(params.cancellation_details?.feedback ?? null) as Stripe.Subscription.CancellationDetails.Feedback | null),
        feedback_option: null,
        reason: "cancellation_requested",
      };
      recordEvent(app, request, "customer.subscription.deleted", sub, changedAttributes(before, sub));
      return sub;
    },
  }),
  route<ListParams>({
    method: "GET",
    path: "/v1/subscriptions",
    spec: fields<Stripe.SubscriptionListParams>({
      ...paginationSpec,
      customer: "string",
      price: "string",
      status: oneOf("active", "all", "canceled", "ended", "incomplete", "incomplete_expired", "past_due", "paused", "trialing", "unpaid"),
    }),
    handle({ app, params, url }) {
      const status = params.status;
      const items = app.store.subscriptions
        .newestFirst()
        .filter((s) => params.customer === undefined || s.customer === params.customer)
        .filter((s) => params.price === undefined || s.items.data.some((i) => i.price.id === params.price))
        .filter((s) => {
          if (status === undefined) return s.status !== "canceled";
          if (status === "all") return true;
          if (status === "ended") return s.status === "canceled" || s.status === "incomplete_expired";
          return s.status === status;
        });
      return paginate(items, params, url, "subscription");
    },
  }),
];
