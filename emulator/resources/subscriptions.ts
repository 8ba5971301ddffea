/**
 * /v1/subscriptions.
 *
 * Creating one makes a finalized invoice paid through a PaymentIntent. With a
 * default wallet PaymentMethod that has an active mandate the first invoice is
 * charged at once (Amazon Pay) → active. Kakao Pay's first payment waits for
 * the customer: its PaymentIntent is confirmed with a return_url and
 * authorized on the redirect page, then the invoice is paid → active.
 * `current_period_*` live on the subscription items in this API version.
 *
 * Deferred payment (seed 003): with a trial (`trial_period_days`,
 * `trial_end`) or a discount that zeroes the first invoice, that invoice is
 * paid at 0 without a PaymentIntent. If the subscription has a default
 * PaymentMethod, a SetupIntent (usage off_session) is created and confirmed
 * off-session for it and stored as `pending_setup_intent` until it succeeds;
 * when it does (then or later, from the browser), `pending_setup_intent`
 * becomes null and, with save_default_payment_method=on_subscription, its
 * PaymentMethod becomes the subscription's default. Canceling a subscription
 * leaves its pending SetupIntent alone, as Stripe does.
 * Renewals happen when a test clock advances (renewals.ts).
 */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type Ctx, type RequestInfo } from "../http/router.js";
import { arrayOf, fields, objectOf, oneOf } from "../http/params.js";
import { invalidRequest, parameterInvalid, parameterMissing, StripeError } from "../http/errors.js";
import { newClientSecret, newId } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { changedAttributes, onEvent, recordEvent } from "../events.js";
import { isRedirectWallet, walletInfo, KNOWN_PAYMENT_METHOD_TYPES } from "../wallets.js";
import { emptyToNull, idOf, mergeMetadata, mustGet } from "./common.js";
import { getCustomer } from "./customers.js";
import { getPrice } from "./prices.js";
import { getPaymentMethod } from "./payment-methods.js";
import { activeMandateFor } from "./mandates.js";
import { buildPaymentIntent, confirmPaymentIntent } from "./payment-intents.js";
import { confirmSetupIntent } from "./setup-intents.js";
import { chargeOutcomeFor, needsAction } from "../cards.js";
import {
  addInvoicePayment,
  computeDiscounts,
  createSubscriptionInvoice,
  finalizeInvoice,
  lineAmount,
  type DiscountUse,
  type LineInput,
} from "./invoices.js";
import { couponOf, createDiscount, resolveDiscountParams } from "./coupons.js";
import { nowFor } from "./test-clocks.js";

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
    if (!price.active)
      throw invalidRequest(`The price specified is inactive. This field only accepts active prices.`, { param });
    const quantity = item.quantity ?? 1;
    if (quantity < 1) throw parameterInvalid(`items[${i}][quantity]`, "This value must be greater than or equal to 1.");
    return { price, quantity, metadata: mergeMetadata({}, item.metadata) };
  });
  const first = resolved[0].price;
  resolved.forEach(({ price }, i) => {
    if (price.currency !== first.currency) {
      throw invalidRequest(`All prices on a subscription must have the same currency (${first.currency}).`, {
        param: `items[${i}][price]`,
      });
    }
    if (
      price.recurring!.interval !== first.recurring!.interval ||
      price.recurring!.interval_count !== first.recurring!.interval_count
    ) {
      throw invalidRequest("All prices on a subscription must have the same recurring interval.", {
        param: `items[${i}][price]`,
      });
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

type Outcome =
  | { kind: "no_payment_method" | "needs_customer" | "charge" | "no_mandate" }
  | { kind: "declined"; code: string; declineCode?: string; message: string };

/**
 * What happens when the first invoice is attempted, decided before anything
 * is created. Cards follow the test-card rules (on-session unless
 * `off_session=true`); wallets need an active mandate, and Kakao Pay's first
 * payment always needs the customer.
 */
function predictOutcome(app: App, pm: Stripe.PaymentMethod | null, offSession: boolean): Outcome {
  if (!pm) return { kind: "no_payment_method" };
  if (pm.type === "card") {
    const o = chargeOutcomeFor(app, pm, { offSession });
    if (needsAction(o)) return { kind: "needs_customer" };
    return o.ok
      ? { kind: "charge" }
      : { kind: "declined", code: o.code, declineCode: o.decline_code, message: o.message };
  }
  if (walletInfo(pm.type)?.firstSubscriptionPaymentNeedsCustomer) return { kind: "needs_customer" };
  return { kind: activeMandateFor(app, pm.id) ? "charge" : "no_mandate" };
}

/** Applies a change; records customer.subscription.updated with what changed, if anything did. */
export function updateSubscription(
  app: App,
  origin: RequestInfo,
  sub: Stripe.Subscription,
  change: (s: Stripe.Subscription) => void,
): void {
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
  updateSubscription(app, origin, sub, (s) => {
    if (["incomplete", "past_due", "unpaid"].includes(s.status)) s.status = "active";
    // The method the customer just paid with becomes the subscription's default.
    const pmId = pi ? idOf(pi.payment_method) : null;
    if (!s.default_payment_method && pmId && app.store.paymentMethods.get(pmId)?.customer === idOf(s.customer)) {
      s.default_payment_method = pmId;
    }
  });
}

/** A failed renewal makes it past_due; the first invoice leaves it incomplete. */
export function onSubscriptionInvoiceFailed(app: App, origin: RequestInfo, invoice: Stripe.Invoice): void {
  const subId = idOf(invoice.parent?.subscription_details?.subscription ?? null);
  const sub = subId ? app.store.subscriptions.get(subId) : undefined;
  if (!sub || invoice.billing_reason === "subscription_create") return;
  updateSubscription(app, origin, sub, (s) => {
    if (s.status === "active") s.status = "past_due";
  });
}

/** The PaymentMethod this subscription's invoices are charged with: its own default, else the customer's. */
export function defaultPaymentMethodFor(
  app: App,
  sub: Stripe.Subscription,
  customer: Stripe.Customer,
): Stripe.PaymentMethod | null {
  const id = idOf(sub.default_payment_method) ?? idOf(customer.invoice_settings.default_payment_method);
  return id ? (app.store.paymentMethods.get(id) ?? null) : null;
}

type CancellationInput = Stripe.SubscriptionCancelParams.CancellationDetails;

/**
 * Ends a subscription at `at` (DELETE, customer deletion, period-end
 * cancellation). `details` replaces comment/feedback when given. Its pending
 * SetupIntent is left as it is (seed 003: the app cancels it on
 * customer.subscription.deleted).
 */
export function cancelSubscriptionNow(
  app: App,
  origin: RequestInfo,
  sub: Stripe.Subscription,
  at: number,
  details: CancellationInput | null | undefined,
  opts: { atPeriodEnd?: boolean } = {},
): void {
  const before = structuredClone(sub);
  const current = sub.cancellation_details;
  sub.status = "canceled";
  // With cancel_at_period_end, canceled_at stays the time the cancellation was requested.
  if (!opts.atPeriodEnd || sub.canceled_at === null) sub.canceled_at = at;
  sub.ended_at = at;
  sub.cancellation_details = {
    comment: details ? emptyToNull(details.comment ?? null) : (current?.comment ?? null),
    feedback: details
      ? (emptyToNull(details.feedback ?? null) as Stripe.Subscription.CancellationDetails.Feedback | null)
      : (current?.feedback ?? null),
    feedback_option: null,
    reason: "cancellation_requested",
  };
  recordEvent(app, origin, "customer.subscription.deleted", sub, changedAttributes(before, sub));
}

// ------------------------------------------------------------------ discounts

/**
 * The subscription's discounts that apply to an invoice for the period
 * starting at `at`. A zero subtotal (a trial) spends nothing.
 */
export function discountsFor(app: App, sub: Stripe.Subscription, at: number, subtotal: number): DiscountUse[] {
  if (subtotal === 0) return [];
  const uses: DiscountUse[] = [];
  for (const ref of sub.discounts) {
    const discount = app.store.discounts.get(idOf(ref) ?? "");
    const coupon = discount ? couponOf(app, discount) : undefined;
    if (!discount || !coupon) continue;
    if (discount.end !== null && at >= discount.end) continue;
    if (coupon.duration === "once" && app.store.internal.discountsUsed[discount.id]) continue;
    uses.push({ discount, coupon });
  }
  return uses;
}

export function markDiscountsUsed(app: App, invoice: Stripe.Invoice): void {
  for (const t of invoice.total_discount_amounts ?? []) {
    const id = idOf(t.discount);
    if (id && t.amount > 0) app.store.internal.discountsUsed[id] = true;
  }
}

/** Discounts that can no longer apply at `at`: a spent `once`, a `repeating` past its end. */
export function spentDiscounts(app: App, sub: Stripe.Subscription, at: number): Stripe.Discount[] {
  return sub.discounts
    .map((ref) => app.store.discounts.get(idOf(ref) ?? ""))
    .filter((d): d is Stripe.Discount => d !== undefined)
    .filter((d) => {
      const coupon = couponOf(app, d);
      return (
        (d.end !== null && at >= d.end) ||
        (coupon?.duration === "once" && app.store.internal.discountsUsed[d.id] === true)
      );
    });
}

// ------------------------------------------------------- pending SetupIntent

function buildSetupIntent(
  sub: Stripe.Subscription,
  customer: Stripe.Customer,
  pm: Stripe.PaymentMethod | null,
  at: number,
): Stripe.SetupIntent {
  const allowed = sub.payment_settings?.payment_method_types ?? null;
  const id = newId("seti");
  return {
    id,
    object: "setup_intent",
    application: null,
    allowed_payment_method_types: allowed,
    automatic_payment_methods: allowed ? null : { enabled: true, allow_redirects: "always" },
    cancellation_reason: null,
    client_secret: newClientSecret(id),
    created: at,
    customer: customer.id,
    customer_account: null,
    description: null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: pm?.id ?? null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: allowed ? [...allowed] : [...KNOWN_PAYMENT_METHOD_TYPES],
    single_use_mandate: null,
    status: pm ? "requires_confirmation" : "requires_payment_method",
    usage: "off_session",
  };
}

/**
 * Confirms the subscription's SetupIntent off-session. Cards go through the
 * SetupIntent confirmation and its test-card rules (succeeded; requires_action
 * with use_stripe_sdk for 3D Secure; declined → requires_payment_method with
 * last_setup_error). A redirect wallet succeeds when it has an active mandate
 * (reused as the SetupIntent's mandate); without one the customer must set it
 * up again: requires_payment_method with last_setup_error.
 */
function confirmPendingSetup(ctx: Ctx<unknown>, si: Stripe.SetupIntent, pm: Stripe.PaymentMethod): void {
  const { app, request } = ctx;
  if (pm.type === "card") {
    try {
      confirmSetupIntent(ctx, si, { payment_method: pm.id, use_stripe_sdk: true });
    } catch (err) {
      // A decline stays on the SetupIntent (last_setup_error); the subscription is created regardless.
      if (!(err instanceof StripeError)) throw err;
    }
    return;
  }
  if (!isRedirectWallet(pm.type)) return;
  const before = structuredClone(si);
  const mandate = pm.customer === si.customer ? activeMandateFor(app, pm.id) : undefined;
  if (mandate) {
    si.status = "succeeded";
    si.mandate = mandate.id;
    recordEvent(app, request, "setup_intent.succeeded", si, changedAttributes(before, si));
    return;
  }
  si.status = "requires_payment_method";
  si.payment_method = null;
  si.last_setup_error = {
    code: "setup_intent_authentication_failure",
    doc_url: "https://stripe.com/docs/error-codes/setup-intent-authentication-failure",
    message: `This ${walletInfo(pm.type)?.displayName ?? pm.type} PaymentMethod has no active mandate, so it cannot be set up for off-session use without the customer. Have the customer set up a payment method again.`,
    payment_method: structuredClone(pm),
    payment_method_type: pm.type,
    type: "invalid_request_error",
  };
  recordEvent(app, request, "setup_intent.setup_failed", si, changedAttributes(before, si));
}

// A pending SetupIntent that succeeds (now, or later from the browser) stops being pending.
onEvent("setup_intent.succeeded", (app, origin, event) => {
  const si = app.store.setupIntents.get((event.data.object as Stripe.SetupIntent).id);
  if (!si) return;
  for (const sub of app.store.subscriptions.newestFirst()) {
    if (idOf(sub.pending_setup_intent) !== si.id || sub.status === "canceled" || sub.status === "incomplete_expired")
      continue;
    updateSubscription(app, origin, sub, (s) => {
      s.pending_setup_intent = null;
      const pmId = idOf(si.payment_method);
      const ownPm = pmId !== null && app.store.paymentMethods.get(pmId)?.customer === idOf(s.customer);
      if (ownPm && s.payment_settings?.save_default_payment_method === "on_subscription")
        s.default_payment_method = pmId;
    });
  }
});

// ------------------------------------------------------------------- create

const paymentSettingsSpec = objectOf(
  fields<Stripe.SubscriptionCreateParams.PaymentSettings>({
    payment_method_types: arrayOf("string"),
    save_default_payment_method: oneOf("off", "on_subscription"),
    payment_method_options: "any",
  }),
);

const trialSettingsSpec = objectOf(
  fields<Stripe.SubscriptionCreateParams.TrialSettings>({
    end_behavior: objectOf(
      fields<Stripe.SubscriptionCreateParams.TrialSettings.EndBehavior>({
        missing_payment_method: oneOf("cancel", "create_invoice", "pause"),
      }),
    ),
  }),
);

const discountsSpec = arrayOf(
  objectOf(
    fields<Stripe.SubscriptionCreateParams.Discount>({
      coupon: "string",
      discount: "string",
      promotion_code: "string",
    }),
  ),
);

function resolvePaymentSettings(
  input: Stripe.SubscriptionCreateParams.PaymentSettings | undefined,
): Stripe.Subscription.PaymentSettings {
  const types = input?.payment_method_types || null;
  types?.forEach((t, i) => {
    if (!(KNOWN_PAYMENT_METHOD_TYPES as readonly string[]).includes(t)) {
      throw parameterInvalid(
        `payment_settings[payment_method_types][${i}]`,
        `Invalid payment_settings[payment_method_types][${i}]: ${t}`,
      );
    }
  });
  return {
    payment_method_options: null,
    payment_method_types: types,
    save_default_payment_method: input?.save_default_payment_method ?? "off",
  };
}

const MAX_TRIAL_SECONDS = 730 * 86_400;

/** trial_end (unix | "now") or trial_period_days → when the trial ends, or null for none. */
function resolveTrialEnd(params: Stripe.SubscriptionCreateParams, now: number): number | null {
  const { trial_end: end, trial_period_days: days } = params;
  if (end !== undefined && days !== undefined) {
    throw invalidRequest("You may only specify one of these parameters: trial_end, trial_period_days.", {
      param: "trial_end",
    });
  }
  if (end === "now") return null;
  if (typeof end === "number") {
    if (end <= now)
      throw parameterInvalid("trial_end", "Invalid timestamp: must be an integer Unix timestamp in the future.");
    if (end - now > MAX_TRIAL_SECONDS)
      throw parameterInvalid("trial_end", "Invalid timestamp: can be no more than 730 days in the future.");
    return end;
  }
  if (days !== undefined) {
    if (days < 0 || days > 730)
      throw parameterInvalid("trial_period_days", "trial_period_days must be between 0 and 730.");
    return days === 0 ? null : now + days * 86_400;
  }
  return null;
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
    throw invalidRequest(`The default payment method (${pm.type}) is not in payment_settings[payment_method_types].`, {
      param: "default_payment_method",
    });
  }
  const wallet = pm ? walletInfo(pm.type) : null;
  if (pm && wallet?.currencies && !wallet.currencies.includes(currency)) {
    throw invalidRequest(
      `The currency provided (${currency}) is invalid. Payments with ${pm.type} support the following currencies: ${wallet.currencies.join(", ")}.`,
      { param: "items[0][price]" },
    );
  }
  const now = nowFor(app, customer);
  const trialEnd = resolveTrialEnd(params, now);
  const coupons = resolveDiscountParams(app, params.discounts, currency, now);

  const id = newId("sub");
  const recurring = items[0].price.recurring!;
  // A trial is the first period; billing then runs from its end.
  const periodEnd = trialEnd ?? addInterval(now, recurring.interval, recurring.interval_count);
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
  const lines: LineInput[] = subItems.map((si, i) => ({
    subscriptionItem: si.id,
    price: items[i].price,
    quantity: items[i].quantity,
    periodStart: now,
    periodEnd,
    trial: trialEnd !== null,
  }));
  const amounts = lines.map(lineAmount);
  const subtotal = amounts.reduce((a, b) => a + b, 0);
  const firstAmount =
    subtotal === 0
      ? 0
      : subtotal -
        computeDiscounts(
          amounts,
          coupons.map((coupon) => ({ discount: { id: coupon.id }, coupon })),
        ).total;

  const behavior = params.payment_behavior ?? "allow_incomplete";
  const outcome = predictOutcome(app, pm, params.off_session === true);
  if (firstAmount > 0 && behavior === "error_if_incomplete" && outcome.kind !== "charge") {
    throw new StripeError({
      status: 402,
      type: "card_error",
      code:
        outcome.kind === "declined"
          ? outcome.code
          : outcome.kind === "needs_customer"
            ? "invoice_payment_intent_requires_action"
            : "authentication_required",
      declineCode: outcome.kind === "declined" ? outcome.declineCode : undefined,
      message:
        outcome.kind === "declined"
          ? outcome.message
          : outcome.kind === "no_payment_method"
            ? "This customer has no attached payment source or default payment method. Please consider adding a default payment method."
            : "The first payment of this subscription needs the customer (payment_behavior=error_if_incomplete), so the subscription was not created.",
      saveIdempotent: true,
    });
  }

  const cancelAtPeriodEnd = params.cancel_at_period_end ?? false;
  const sub: Stripe.Subscription = {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: trialEnd ?? now,
    billing_cycle_anchor_config: null,
    billing_mode: { type: "flexible", flexible: { proration_discounts: "included" }, updated_at: now },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: cancelAtPeriodEnd ? periodEnd : null,
    cancel_at_period_end: cancelAtPeriodEnd,
    canceled_at: cancelAtPeriodEnd ? now : null,
    cancellation_details: {
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: cancelAtPeriodEnd ? "cancellation_requested" : null,
    },
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
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: "self" },
    },
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
    // Nothing to pay now (trial, or fully discounted) → it starts right away.
    status: trialEnd !== null ? "trialing" : firstAmount === 0 ? "active" : "incomplete",
    test_clock: customer.test_clock ? idOf(customer.test_clock) : null,
    transfer_data: null,
    trial_end: trialEnd,
    trial_settings: {
      end_behavior: {
        billing_cycle_anchor: null,
        missing_payment_method: params.trial_settings?.end_behavior?.missing_payment_method ?? "create_invoice",
      },
    },
    trial_start: trialEnd !== null ? now : null,
  };
  // Nothing to charge now: a SetupIntent readies the method for the off-session
  // charges to come (or, with default_incomplete and no method, collects one).
  const setupIntent =
    firstAmount === 0 && (pm || behavior === "default_incomplete") ? buildSetupIntent(sub, customer, pm, now) : null;
  sub.pending_setup_intent = setupIntent?.id ?? null;
  // The invoice id is known up front so the created event already names it.
  const invoiceId = newId("in");
  sub.latest_invoice = invoiceId;
  app.store.subscriptions.insert(sub);
  sub.discounts = coupons.map(
    (coupon) => createDiscount(app, request, coupon, { customer: customer.id, subscription: id, start: now }).id,
  );
  recordEvent(app, request, "customer.subscription.created", sub);

  const invoice = createSubscriptionInvoice(app, request, sub, customer, lines, "subscription_create", {
    id: invoiceId,
    discounts: discountsFor(app, sub, now, subtotal),
  });
  markDiscountsUsed(app, invoice);
  finalizeInvoice(app, request, invoice, customer);
  if (invoice.amount_due === 0) {
    if (setupIntent) {
      app.store.setupIntents.insert(setupIntent);
      recordEvent(app, request, "setup_intent.created", setupIntent);
      if (pm) confirmPendingSetup(ctx, setupIntent, pm);
    }
    return sub;
  }
  const pi = buildPaymentIntent({
    amount: invoice.amount_due,
    currency,
    customer: customer.id,
    description: "Subscription creation",
    types,
    allowed: paymentSettings.payment_method_types,
    setupFutureUsage: paymentSettings.save_default_payment_method === "on_subscription" ? "off_session" : null,
  });
  pi.created = now;
  // Kakao Pay's first payment waits for the customer; cards are attempted
  // on-session (a 3D Secure challenge leaves the PaymentIntent requires_action
  // for confirmCardPayment) unless off_session=true.
  const isCard = pm?.type === "card";
  const attempt = pm !== null && behavior !== "default_incomplete" && (isCard || outcome.kind !== "needs_customer");
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
      confirmPaymentIntent(
        ctx,
        pi,
        isCard
          ? { payment_method: pm.id, off_session: params.off_session === true, use_stripe_sdk: true }
          : { payment_method: pm.id, off_session: true },
      );
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
      trial_end: { union: ["integer", oneOf("now")] },
      trial_period_days: "integer",
      trial_from_plan: "boolean",
      trial_settings: trialSettingsSpec,
      discounts: discountsSpec,
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
        // Stripe's canceled_at is the time the cancellation was requested.
        sub.canceled_at = params.cancel_at_period_end ? nowFor(app, customer) : null;
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
          feedback: emptyToNull(details.feedback ?? null) as Stripe.Subscription.CancellationDetails.Feedback | null,
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
      cancelSubscriptionNow(app, request, sub, nowFor(app, idOf(sub.customer)), params.cancellation_details ?? {});
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
      test_clock: "string",
      status: oneOf(
        "active",
        "all",
        "canceled",
        "ended",
        "incomplete",
        "incomplete_expired",
        "past_due",
        "paused",
        "trialing",
        "unpaid",
      ),
    }),
    handle({ app, params, url }) {
      const status = params.status;
      const items = app.store.subscriptions
        .newestFirst()
        .filter((s) => params.customer === undefined || s.customer === params.customer)
        .filter((s) => params.price === undefined || s.items.data.some((i) => i.price.id === params.price))
        .filter((s) => params.test_clock === undefined || s.test_clock === params.test_clock)
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
