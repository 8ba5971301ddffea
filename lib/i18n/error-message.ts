import type { FailureCode } from "@/lib/stripe/errors";
import type { Messages } from "./messages";

export type ErrorCode = FailureCode | "terms_changed" | "form_conflict" | "rate_limited" | PlanRefusal;

/** Why a subscription was refused before anything was sent to Stripe (lib/db/plan-claims.ts). */
export type PlanRefusal = "plan_active" | "plan_in_progress" | "trial_used" | "trial_card_used";

/** Refusals that come with a link to the customer's account (where the existing subscription is). */
export function linksToAccount(code: ErrorCode): boolean {
  return code === "plan_active" || code === "plan_in_progress";
}

/** A failure in the reader's language; a card issuer's own reason is kept as Stripe gave it. */
export function errorMessage(code: ErrorCode, fallback: string, t: Messages): string {
  if (code === "card") return fallback;
  return {
    unavailable: t.errorUnavailable,
    conflict: t.errorConflict,
    refused: t.errorRefused,
    unexpected: t.errorUnexpected,
    terms_changed: t.errorTermsChanged,
    form_conflict: t.errorConflict,
    plan_active: t.errorPlanActive,
    plan_in_progress: t.errorPlanInProgress,
    trial_used: t.errorTrialUsed,
    trial_card_used: t.errorTrialCardUsed,
    rate_limited: t.errorRateLimited,
  }[code];
}
