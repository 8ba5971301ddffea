import { transitionConsent } from "@/lib/db/consents";
import { claimPlan, claimTrial, type ClaimResult } from "@/lib/db/plan-claims";
import type { PlanRefusal } from "@/lib/i18n/error-message";

/** English wording, for logs and callers without a locale (pages translate the code). */
export const REFUSAL_MESSAGES: Record<PlanRefusal, string> = {
  plan_active: "You already have this plan; nothing new was started or charged.",
  plan_in_progress: "A subscription to this plan is already being set up; nothing new was started.",
  trial_used: "The free trial was already used; nothing was charged.",
  trial_card_used: "This card was already used for a free trial; nothing was charged.",
};

/**
 * Before anything is sent to Stripe for a subscription consent: the plan (and,
 * for an offer, the customer's one trial) must be this consent's. A refused
 * consent is marked failed with the reason, so it holds nothing afterwards.
 */
export async function claimSubscriptionSlot(
  consent: { id: string; customerId: string; priceId: string | null; offer: string | null },
  source: string,
): Promise<ClaimResult> {
  if (!consent.priceId) return { ok: true };
  let result = await claimPlan({ customerId: consent.customerId, priceId: consent.priceId, consentId: consent.id });
  if (result.ok && consent.offer) result = await claimTrial({ customerId: consent.customerId, consentId: consent.id });
  if (!result.ok) await refuseConsent(consent.id, result.code, source);
  return result;
}

export async function refuseConsent(consentId: string, code: PlanRefusal, source: string): Promise<void> {
  await transitionConsent(consentId, { to: "failed", reason: REFUSAL_MESSAGES[code], source });
}
