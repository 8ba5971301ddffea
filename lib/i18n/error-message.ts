import type { FailureCode } from "@/lib/stripe/errors";
import { FAILURE_CODES, failureReasonOf } from "@/lib/stripe/failure-reasons";
import type { Messages } from "./messages";

export type ErrorCode =
  | FailureCode
  | "terms_changed"
  | "form_conflict"
  | "checkout_wallet"
  | "rate_limited"
  | "subscription_busy"
  | PlanRefusal;

/** Why a subscription was refused before anything was sent to Stripe (lib/db/plan-claims.ts). */
export type PlanRefusal = "plan_active" | "plan_in_progress" | "trial_used" | "trial_card_used";

/** Refusals that come with a link to the customer's account (where the existing subscription is). */
export function linksToAccount(code: ErrorCode): boolean {
  return code === "plan_active" || code === "plan_in_progress";
}

/**
 * A failure in the reader's language. For a card or wallet failure `detail` is
 * Stripe's decline_code / code, worded by our table; Stripe's text never shows.
 */
export function errorMessage(code: ErrorCode, detail: string, t: Messages): string {
  if (code === "card") return failureMessage(detail, t);
  return {
    unavailable: t.errorUnavailable,
    conflict: t.errorConflict,
    refused: t.errorRefused,
    unexpected: t.errorUnexpected,
    terms_changed: t.errorTermsChanged,
    form_conflict: t.errorConflict,
    checkout_wallet: t.errorCheckoutWallet,
    plan_active: t.errorPlanActive,
    plan_in_progress: t.errorPlanInProgress,
    trial_used: t.errorTrialUsed,
    trial_card_used: t.errorTrialCardUsed,
    rate_limited: t.errorRateLimited,
    subscription_busy: t.subscriptionBusy,
  }[code];
}

/** Our words for a Stripe decline_code / code (a plain decline when we have no entry). */
export function failureMessage(stripeCode: string | null | undefined, t: Messages): string {
  return t[`failure_${failureReasonOf(stripeCode)}`];
}

/** A stored reason as the customer may read it: ours when it is a Stripe code, else nothing. */
export function reasonForCustomer(reason: string | null | undefined, t: Messages): string | null {
  return reason && FAILURE_CODES[reason] ? failureMessage(reason, t) : null;
}
