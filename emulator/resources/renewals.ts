/**
 * The billing cycle, driven by test clocks. When a clock advances, everything
 * due for the subscriptions of its customers runs in time order, each at its
 * own moment (the clock's frozen_time is stepped to it, so timestamps and
 * `nowFor` see that moment):
 *
 * - `trial_will_end` three days before a trial ends;
 * - trial end / period end: a new period starts (customer.subscription.updated,
 *   a trial becomes active), then an invoice (`billing_reason:
 *   subscription_cycle`) is created, finalized and charged off-session through
 *   a PaymentIntent with the default PaymentMethod (the subscription's, else
 *   the customer's). Success → paid; failure → the invoice stays open with the
 *   failed PaymentIntent and the subscription is past_due. A trial ending
 *   without a method follows trial_settings.end_behavior.missing_payment_method;
 * - cancel_at / cancel_at_period_end → canceled at that moment;
 * - an `incomplete` subscription expires 23 hours after creation
 *   (incomplete_expired, its invoice voided).
 */
import type Stripe from "stripe";
import type { App } from "../app.js";
import type { Ctx } from "../http/router.js";
import { StripeError } from "../http/errors.js";
import { newId } from "../ids.js";
import { changedAttributes, recordEvent } from "../events.js";
import { KNOWN_PAYMENT_METHOD_TYPES } from "../wallets.js";
import { idOf } from "./common.js";
import { getCustomer } from "./customers.js";
import { buildPaymentIntent, confirmPaymentIntentOffSession } from "./payment-intents.js";
import {
  addInvoicePayment,
  createSubscriptionInvoice,
  finalizeInvoice,
  lineAmount,
  onInvoicePaymentFailed,
  recordFailedPayment,
  voidInvoice,
  type LineInput,
} from "./invoices.js";
import {
  addInterval,
  cancelSubscriptionNow,
  defaultPaymentMethodFor,
  discountsFor,
  markDiscountsUsed,
  spentDiscounts,
  updateSubscription,
} from "./subscriptions.js";
import { endDiscount } from "./coupons.js";

type TestClock = Stripe.TestHelpers.TestClock;

const INCOMPLETE_EXPIRES_AFTER = 23 * 3600;
const TRIAL_WILL_END_BEFORE = 3 * 86_400;

type DueKind = "expire" | "trial_will_end" | "cancel" | "trial_end" | "renew";
interface Due {
  kind: DueKind;
  at: number;
  sub: Stripe.Subscription;
}

function isLive(sub: Stripe.Subscription): boolean {
  return sub.status !== "canceled" && sub.status !== "incomplete_expired";
}

/** Live subscriptions on this clock, oldest first (ties run in creation order). */
function subscriptionsOn(app: App, clockId: string): Stripe.Subscription[] {
  return app.store.subscriptions
    .newestFirst()
    .reverse()
    .filter((s) => idOf(s.test_clock) === clockId && isLive(s));
}

function nextDue(app: App, sub: Stripe.Subscription): Due | null {
  const periodEnd = sub.items.data[0].current_period_end;
  switch (sub.status) {
    case "incomplete":
      return { kind: "expire", at: sub.created + INCOMPLETE_EXPIRES_AFTER, sub };
    case "trialing": {
      const end = sub.trial_end ?? periodEnd;
      const warnAt = end - TRIAL_WILL_END_BEFORE;
      if (app.store.internal.trialWillEndSent[sub.id] !== end && warnAt > (sub.trial_start ?? sub.created)) {
        return { kind: "trial_will_end", at: warnAt, sub };
      }
      if (sub.cancel_at !== null && sub.cancel_at <= end) return { kind: "cancel", at: sub.cancel_at, sub };
      return { kind: "trial_end", at: end, sub };
    }
    case "active":
    case "past_due":
    case "unpaid":
      if (sub.cancel_at !== null && sub.cancel_at <= periodEnd) return { kind: "cancel", at: sub.cancel_at, sub };
      return { kind: "renew", at: periodEnd, sub };
    default:
      return null; // paused: nothing happens until it is resumed
  }
}

/**
 * How far a clock may advance: two intervals of its shortest subscription
 * past its current time, or two years when it has none (Stripe's limit).
 */
export function advanceLimit(app: App, clock: TestClock): number {
  const subs = subscriptionsOn(app, clock.id);
  if (subs.length === 0) return addInterval(clock.frozen_time, "year", 2);
  return Math.min(
    ...subs.map((s) => {
      const r = s.items.data[0].price.recurring!;
      return addInterval(clock.frozen_time, r.interval, 2 * r.interval_count);
    }),
  );
}

/** Runs everything due on the clock's subscriptions up to `target`, in time order. */
export function advanceClockTo(ctx: Ctx<unknown>, clock: TestClock, target: number): void {
  for (let guard = 0; guard < 10_000; guard++) {
    let next: Due | null = null;
    for (const sub of subscriptionsOn(ctx.app, clock.id)) {
      const due = nextDue(ctx.app, sub);
      if (due && due.at <= target && (!next || due.at < next.at)) next = due;
    }
    if (!next) return;
    clock.frozen_time = Math.max(clock.frozen_time, next.at);
    runDue(ctx, next);
  }
  throw new Error(`test clock ${clock.id}: too many billing steps before ${target}`);
}

function runDue(ctx: Ctx<unknown>, { kind, at, sub }: Due): void {
  const { app, request } = ctx;
  switch (kind) {
    case "trial_will_end":
      app.store.internal.trialWillEndSent[sub.id] = sub.trial_end ?? at;
      recordEvent(app, request, "customer.subscription.trial_will_end", sub);
      return;
    case "cancel":
      cancelSubscriptionNow(app, request, sub, at, null, { atPeriodEnd: true });
      return;
    case "expire": {
      updateSubscription(app, request, sub, (s) => {
        s.status = "incomplete_expired";
        s.ended_at = at;
      });
      const invoice = app.store.invoices.get(idOf(sub.latest_invoice) ?? "");
      if (invoice) voidInvoice(app, request, invoice);
      return;
    }
    case "trial_end":
    case "renew":
      startNewPeriod(ctx, sub, at, kind === "trial_end");
  }
}

/** The period end after `at`, counted from the billing cycle anchor (so Jan 31 → Feb 28 → Mar 31). */
function periodEndAfter(sub: Stripe.Subscription, at: number): number {
  const r = sub.items.data[0].price.recurring!;
  for (let k = 1; ; k++) {
    const end = addInterval(sub.billing_cycle_anchor, r.interval, k * r.interval_count);
    if (end > at) return end;
  }
}

function startNewPeriod(ctx: Ctx<unknown>, sub: Stripe.Subscription, at: number, trialEnding: boolean): void {
  const { app, request } = ctx;
  const customer = getCustomer(app, idOf(sub.customer)!, "customer");
  const pm = defaultPaymentMethodFor(app, sub, customer);
  if (trialEnding && !pm) {
    const behavior = sub.trial_settings?.end_behavior.missing_payment_method ?? "create_invoice";
    if (behavior === "cancel") {
      cancelSubscriptionNow(app, request, sub, at, null);
      return;
    }
    if (behavior === "pause") {
      updateSubscription(app, request, sub, (s) => {
        s.status = "paused";
      });
      recordEvent(app, request, "customer.subscription.paused", sub);
      return;
    }
  }
  const previousStart = sub.items.data[0].current_period_start;
  const end = periodEndAfter(sub, at);
  const invoiceId = newId("in");
  const spent = spentDiscounts(app, sub, at);
  for (const discount of spent) endDiscount(app, request, discount);
  updateSubscription(app, request, sub, (s) => {
    if (trialEnding) s.status = "active";
    for (const item of s.items.data) {
      item.current_period_start = at;
      item.current_period_end = end;
    }
    s.latest_invoice = invoiceId;
    s.discounts = s.discounts.filter((ref) => !spent.some((d) => d.id === idOf(ref)));
  });
  const lines: LineInput[] = sub.items.data.map((item) => ({
    subscriptionItem: item.id,
    price: item.price,
    quantity: item.quantity ?? 1,
    periodStart: at,
    periodEnd: end,
  }));
  const subtotal = lines.map(lineAmount).reduce((a, b) => a + b, 0);
  const invoice = createSubscriptionInvoice(app, request, sub, customer, lines, "subscription_cycle", {
    id: invoiceId,
    discounts: discountsFor(app, sub, at, subtotal),
    periodStart: previousStart,
    periodEnd: at,
  });
  markDiscountsUsed(app, invoice);
  finalizeInvoice(app, request, invoice, customer);
  if (invoice.amount_due > 0) chargeOffSession(ctx, sub, customer, invoice, pm);
}

/**
 * Charges a finalized invoice off-session with the default PaymentMethod
 * (PaymentIntent confirmed with off_session=true; the PaymentIntent rules
 * decide: wallets need an active mandate, cards follow cardChargeOutcome).
 */
function chargeOffSession(
  ctx: Ctx<unknown>,
  sub: Stripe.Subscription,
  customer: Stripe.Customer,
  invoice: Stripe.Invoice,
  pm: Stripe.PaymentMethod | null,
): void {
  const { app, request } = ctx;
  const allowed = sub.payment_settings?.payment_method_types ?? null;
  const pi = buildPaymentIntent({
    amount: invoice.amount_due,
    currency: invoice.currency,
    customer: customer.id,
    description: "Subscription update",
    types: allowed ? [...allowed] : [...KNOWN_PAYMENT_METHOD_TYPES],
    allowed,
  });
  pi.created = invoice.created;
  app.store.paymentIntents.insert(pi);
  addInvoicePayment(app, invoice, pi);
  recordEvent(app, request, "payment_intent.created", pi);
  if (!pm) {
    recordFailedPayment(app, request, invoice);
    return;
  }
  try {
    // A decline (402) has already failed the PaymentIntent and the invoice.
    confirmPaymentIntentOffSession(app, request, pi, pm.id);
  } catch (err) {
    // Anything else (a method that cannot be charged off-session at all) fails it here.
    if (!(err instanceof StripeError) || pi.status === "succeeded") throw err;
    failPaymentIntent(ctx, pi, pm, err);
  }
}

function failPaymentIntent(
  ctx: Ctx<unknown>,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  err: StripeError,
): void {
  const { app, request } = ctx;
  const before = structuredClone(pi);
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  pi.next_action = null;
  pi.last_payment_error = {
    code: err.code ?? "payment_method_unactivated",
    message: err.message,
    payment_method: structuredClone(pm),
    payment_method_type: pm.type,
    type: "invalid_request_error",
  };
  recordEvent(app, request, "payment_intent.payment_failed", pi, changedAttributes(before, pi));
  onInvoicePaymentFailed(app, request, pi);
}
