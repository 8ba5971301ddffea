/**
 * "One live subscription per customer and plan" and "one trial per customer
 * (and per card)", enforced by unique rows claimed before Stripe is called.
 * Claims are never deleted: one whose attempt failed, was abandoned or whose
 * subscription ended is taken over by the next attempt with a compare-and-set,
 * so two racing attempts cannot both win.
 */
import type { PlanRefusal } from "@/lib/i18n/error-message";
import { db } from "./client";
import { isUniqueViolation } from "./errors";

/** Subscription statuses after which the plan is free again. */
const ENDED = new Set(["canceled", "incomplete_expired"]);
/** A consent left pending this long (tab closed at the wallet) no longer holds the plan. */
export const ABANDONED_AFTER_MS = 30 * 60_000;

export type ClaimResult = { ok: true } | { ok: false; code: PlanRefusal };

/** What the holding consent's attempt is now: a live subscription, still in progress, or over. */
async function attemptOf(consentId: string): Promise<"subscribed" | "ended" | "in_progress" | "over"> {
  const subscription = await db().subscription.findUnique({ where: { consentId }, select: { status: true } });
  if (subscription) return ENDED.has(subscription.status) ? "ended" : "subscribed";
  const consent = await db().mandateConsent.findUnique({ where: { id: consentId } });
  if (!consent || consent.status === "failed" || consent.status === "revoked") return "over";
  return Date.now() - consent.createdAt.getTime() > ABANDONED_AFTER_MS ? "over" : "in_progress";
}

/** Claims the plan for a subscription consent, or says why not. Repeating a claim for the same consent succeeds. */
export async function claimPlan(input: {
  customerId: string;
  priceId: string;
  consentId: string;
}): Promise<ClaimResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await db().planClaim.create({ data: input });
      return { ok: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const claim = await db().planClaim.findUnique({
      where: { customerId_priceId: { customerId: input.customerId, priceId: input.priceId } },
    });
    if (!claim) continue;
    if (claim.consentId === input.consentId) return { ok: true };
    const holder = await attemptOf(claim.consentId);
    if (holder === "subscribed") return { ok: false, code: "plan_active" };
    if (holder === "in_progress") return { ok: false, code: "plan_in_progress" };
    const { count } = await db().planClaim.updateMany({
      where: { id: claim.id, consentId: claim.consentId },
      data: { consentId: input.consentId, claimedAt: new Date() },
    });
    if (count === 1) return { ok: true };
  }
  return { ok: false, code: "plan_in_progress" };
}

/** Claims the customer's one trial for a consent. A trial counts as used once its subscription was created. */
export async function claimTrial(input: { customerId: string; consentId: string }): Promise<ClaimResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await db().trialGrant.create({ data: input });
      return { ok: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const grant = await db().trialGrant.findUnique({ where: { customerId: input.customerId } });
    if (!grant) continue;
    if (grant.consentId === input.consentId) return { ok: true };
    const holder = await attemptOf(grant.consentId);
    if (holder === "subscribed" || holder === "ended") return { ok: false, code: "trial_used" };
    if (holder === "in_progress") return { ok: false, code: "plan_in_progress" };
    const { count } = await db().trialGrant.updateMany({
      where: { id: grant.id, consentId: grant.consentId },
      data: { consentId: input.consentId, cardFingerprint: null, grantedAt: new Date() },
    });
    if (count === 1) return { ok: true };
  }
  return { ok: false, code: "plan_in_progress" };
}

/** Ties a card trial to the card: a card that already started a trial (for anyone) cannot start another. */
export async function claimTrialCard(consentId: string, fingerprint: string): Promise<ClaimResult> {
  const holder = await db().trialGrant.findUnique({ where: { cardFingerprint: fingerprint } });
  if (holder && holder.consentId !== consentId) {
    const state = await attemptOf(holder.consentId);
    if (state !== "over") return { ok: false, code: "trial_card_used" };
    await db().trialGrant.updateMany({
      where: { id: holder.id, cardFingerprint: fingerprint },
      data: { cardFingerprint: null },
    });
  }
  try {
    await db().trialGrant.update({ where: { consentId }, data: { cardFingerprint: fingerprint } });
    return { ok: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, code: "trial_card_used" };
    throw error;
  }
}
