/**
 * Offers that defer the first payment (seed 003). The customer is still asked
 * to authorise the payment method now, so the first real charge can be made
 * off-session later.
 */
export const OFFERS = {
  trial_14d: { trialDays: 14, coupon: null },
  first_month_free: { trialDays: 0, coupon: { id: "first_month_free", percentOff: 100, duration: "once" as const } },
} as const;

export type OfferId = keyof typeof OFFERS;
export const OFFER_IDS = Object.keys(OFFERS) as [OfferId, ...OfferId[]];

export function isOffer(value: unknown): value is OfferId {
  // Own properties only: "toString", "constructor" or "__proto__" are not offers.
  return typeof value === "string" && Object.hasOwn(OFFERS, value);
}

/** When the first payment falls for an offer starting now (a trial's end, or the second month). */
export function firstChargeDate(offer: OfferId, start: Date): Date {
  const date = new Date(start);
  if (OFFERS[offer].trialDays) date.setUTCDate(date.getUTCDate() + OFFERS[offer].trialDays);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  return date;
}
