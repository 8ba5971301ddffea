import type Stripe from "stripe";
import { OFFERS, isOffer } from "@/lib/catalogue/offers";

/** The subscription parameters an offer adds: a trial, or a first-period coupon. */
export function offerParams(
  offer: string | null,
): Pick<Stripe.SubscriptionCreateParams, "trial_period_days" | "discounts"> {
  if (!isOffer(offer)) return {};
  const { trialDays, coupon } = OFFERS[offer];
  return {
    ...(trialDays ? { trial_period_days: trialDays } : {}),
    ...(coupon ? { discounts: [{ coupon: coupon.id }] } : {}),
  };
}
