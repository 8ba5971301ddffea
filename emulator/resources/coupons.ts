/**
 * /v1/coupons and the Discounts made from them.
 *
 * A subscription created with `discounts[n][coupon]` gets one Discount per
 * coupon (`di_…`, `source.coupon`); invoices apply them in order (percent_off
 * on what is left of each line, amount_off spread over the lines). Duration:
 * `once` → the first invoice with a non-zero subtotal, `repeating` → invoices
 * whose period starts before `discount.end`, `forever` → always.
 */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type RequestInfo } from "../http/router.js";
import { fields, oneOf } from "../http/params.js";
import { invalidRequest, parameterInvalid, parameterMissing, StripeError } from "../http/errors.js";
import { newId, nowSeconds, randomAlnum } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { changedAttributes, recordEvent } from "../events.js";
import { emptyToNull, mergeMetadata, mustGet } from "./common.js";
import { addInterval } from "./subscriptions.js";

export function getCoupon(app: App, id: string, param = "id"): Stripe.Coupon {
  return mustGet(app.store.coupons, id, "coupon", param);
}

/** The coupon behind a discount (kept even if the coupon is deleted later). */
export function couponOf(app: App, discount: Stripe.Discount): Stripe.Coupon | undefined {
  return app.store.internal.discountCoupons[discount.id];
}

// percent_off is a decimal ("12.5"); the spec takes it as a string and it is parsed here.
type CreateParams = Omit<Stripe.CouponCreateParams, "percent_off"> & { percent_off?: string };

function parsePercent(raw: string): number {
  if (!/^\d+(\.\d+)?$/.test(raw)) throw parameterInvalid("percent_off", `Invalid decimal: ${raw}`);
  const value = Number(raw);
  if (value <= 0 || value > 100) {
    throw parameterInvalid("percent_off", "percent_off must be greater than 0 and less than or equal to 100.");
  }
  return value;
}

function createCoupon(app: App, request: RequestInfo, params: CreateParams): Stripe.Coupon {
  const id = params.id ?? randomAlnum(8).toUpperCase();
  if (app.store.coupons.has(id)) {
    throw invalidRequest("Coupon already exists.", { param: "id", code: "resource_already_exists" });
  }
  if (params.percent_off !== undefined && params.amount_off !== undefined) {
    throw invalidRequest("You may only specify one of these parameters: amount_off, percent_off.", {
      param: "amount_off",
    });
  }
  if (params.percent_off === undefined && params.amount_off === undefined) {
    throw invalidRequest("Must provide one of percent_off or amount_off.", { param: "percent_off" });
  }
  const percentOff = params.percent_off !== undefined ? parsePercent(params.percent_off) : null;
  let currency: string | null = null;
  if (params.amount_off !== undefined) {
    if (params.amount_off < 1) throw parameterInvalid("amount_off", "This value must be greater than or equal to 1.");
    if (!params.currency) throw parameterMissing("currency");
    currency = params.currency.toLowerCase();
    if (!/^[a-z]{3}$/.test(currency)) throw parameterInvalid("currency", `Invalid currency: ${params.currency}`);
  } else if (params.currency !== undefined) {
    throw invalidRequest("currency can only be used with amount_off.", { param: "currency" });
  }
  const duration = params.duration ?? "once";
  let months: number | null = null;
  if (duration === "repeating") {
    if (params.duration_in_months === undefined) throw parameterMissing("duration_in_months");
    if (params.duration_in_months < 1)
      throw parameterInvalid("duration_in_months", "This value must be greater than or equal to 1.");
    months = params.duration_in_months;
  } else if (params.duration_in_months !== undefined) {
    throw invalidRequest("duration_in_months can only be used with duration=repeating.", {
      param: "duration_in_months",
    });
  }
  if (params.max_redemptions !== undefined && params.max_redemptions < 1) {
    throw parameterInvalid("max_redemptions", "This value must be greater than or equal to 1.");
  }
  if (params.redeem_by !== undefined && params.redeem_by <= nowSeconds()) {
    throw parameterInvalid("redeem_by", "Invalid timestamp: must be in the future.");
  }
  const coupon: Stripe.Coupon = {
    id,
    object: "coupon",
    amount_off: params.amount_off ?? null,
    created: nowSeconds(),
    currency,
    duration,
    duration_in_months: months,
    livemode: false,
    max_redemptions: params.max_redemptions ?? null,
    metadata: mergeMetadata({}, params.metadata),
    name: emptyToNull(params.name),
    percent_off: percentOff,
    redeem_by: params.redeem_by ?? null,
    times_redeemed: 0,
    valid: true,
  };
  app.store.coupons.insert(coupon);
  recordEvent(app, request, "coupon.created", coupon);
  return coupon;
}

/** Checks a coupon can be redeemed now on something billed in `currency`. */
export function assertRedeemable(coupon: Stripe.Coupon, currency: string, at: number, param: string): void {
  const expired =
    !coupon.valid ||
    (coupon.redeem_by !== null && at > coupon.redeem_by) ||
    (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions);
  if (expired) throw invalidRequest(`Coupon expired: ${coupon.id}`, { param, code: "coupon_expired" });
  if (coupon.currency && coupon.currency !== currency) {
    throw invalidRequest(
      `The coupon ${coupon.id} has currency ${coupon.currency}, which does not match the subscription's currency (${currency}).`,
      { param },
    );
  }
}

/** `discounts[n][coupon]` → the coupons, checked before anything is created. */
export function resolveDiscountParams(
  app: App,
  discounts: Stripe.SubscriptionCreateParams.Discount[] | "" | null | undefined,
  currency: string,
  at: number,
): Stripe.Coupon[] {
  if (!discounts) return [];
  const coupons = discounts.map((d, i) => {
    if (d.promotion_code || d.discount) {
      throw new StripeError({
        status: 400,
        type: "invalid_request_error",
        param: d.promotion_code ? `discounts[${i}][promotion_code]` : `discounts[${i}][discount]`,
        message:
          "The local Stripe emulator supports discounts[n][coupon] only (no promotion codes or existing discounts).",
        saveIdempotent: false,
      });
    }
    if (!d.coupon) throw parameterMissing(`discounts[${i}][coupon]`);
    const coupon = getCoupon(app, d.coupon, `discounts[${i}][coupon]`);
    assertRedeemable(coupon, currency, at, `discounts[${i}][coupon]`);
    return coupon;
  });
  const ids = coupons.map((c) => c.id);
  if (new Set(ids).size !== ids.length) {
    throw invalidRequest("The same coupon cannot be applied more than once.", { param: "discounts" });
  }
  return coupons;
}

/** Redeems a coupon into a subscription's Discount. */
export function createDiscount(
  app: App,
  origin: RequestInfo,
  coupon: Stripe.Coupon,
  owner: { customer: string; subscription: string; start: number },
): Stripe.Discount {
  const discount: Stripe.Discount = {
    id: newId("di"),
    object: "discount",
    checkout_session: null,
    customer: owner.customer,
    customer_account: null,
    end:
      coupon.duration === "repeating" && coupon.duration_in_months
        ? addInterval(owner.start, "month", coupon.duration_in_months)
        : null,
    invoice: null,
    invoice_item: null,
    promotion_code: null,
    source: { coupon: coupon.id, type: "coupon" },
    start: owner.start,
    subscription: owner.subscription,
    subscription_item: null,
  };
  app.store.discounts.insert(discount);
  app.store.internal.discountCoupons[discount.id] = structuredClone(coupon);
  coupon.times_redeemed += 1;
  if (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions) coupon.valid = false;
  recordEvent(app, origin, "customer.discount.created", discount);
  return discount;
}

/**
 * A discount that ran out is removed from its subscription
 * (customer.discount.deleted); it stays retrievable for invoices naming it.
 */
export function endDiscount(app: App, origin: RequestInfo, discount: Stripe.Discount): void {
  recordEvent(app, origin, "customer.discount.deleted", discount);
}

export const couponRoutes = [
  route<CreateParams>({
    method: "POST",
    path: "/v1/coupons",
    spec: fields<Stripe.CouponCreateParams>({
      id: "string",
      percent_off: "string",
      amount_off: "integer",
      currency: "string",
      duration: oneOf("once", "repeating", "forever"),
      duration_in_months: "integer",
      max_redemptions: "integer",
      redeem_by: "integer",
      name: "string",
      metadata: "metadata",
    }),
    handle: ({ app, params, request }) => createCoupon(app, request, params),
  }),
  route<Stripe.CouponRetrieveParams>({
    method: "GET",
    path: "/v1/coupons/:id",
    spec: fields<Stripe.CouponRetrieveParams>({}),
    handle: ({ app, path }) => getCoupon(app, path.id),
  }),
  route<Stripe.CouponUpdateParams>({
    method: "POST",
    path: "/v1/coupons/:id",
    spec: fields<Stripe.CouponUpdateParams>({ name: "string", metadata: "metadata" }),
    handle({ app, path, params, request }) {
      const coupon = getCoupon(app, path.id);
      const before = structuredClone(coupon);
      if (params.name !== undefined) coupon.name = emptyToNull(params.name);
      if (params.metadata !== undefined) coupon.metadata = mergeMetadata(coupon.metadata, params.metadata);
      const previous = changedAttributes(before, coupon);
      if (Object.keys(previous).length > 0) recordEvent(app, request, "coupon.updated", coupon, previous);
      return coupon;
    },
  }),
  route<Stripe.CouponDeleteParams>({
    method: "DELETE",
    path: "/v1/coupons/:id",
    spec: fields<Stripe.CouponDeleteParams>({}),
    handle({ app, path, request }): Stripe.DeletedCoupon {
      const coupon = getCoupon(app, path.id);
      // Existing discounts keep working: they hold their own copy (internal.discountCoupons).
      app.store.coupons.delete(coupon.id);
      recordEvent(app, request, "coupon.deleted", coupon);
      return { id: coupon.id, object: "coupon", deleted: true };
    },
  }),
  route<Stripe.CouponListParams>({
    method: "GET",
    path: "/v1/coupons",
    spec: fields<Stripe.CouponListParams>({ ...paginationSpec }),
    handle: ({ app, params, url }) => paginate(app.store.coupons.newestFirst(), params, url, "coupon"),
  }),
];
