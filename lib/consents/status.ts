import type Stripe from "stripe";
import { idOf } from "@/lib/stripe/ids";

export type ConsentStatus = "pending" | "active" | "failed" | "revoked" | "expired";

/**
 * Which moves a consent record may make. Evidence only moves forward: a revoked
 * mandate never comes back, and an active one can only be revoked. A consent
 * given for a Checkout Session that expired unused is over for good.
 */
const ALLOWED: Record<ConsentStatus, readonly ConsentStatus[]> = {
  pending: ["active", "failed", "expired"],
  failed: ["active"], // the same SetupIntent may be confirmed again and succeed
  active: ["revoked"],
  revoked: [],
  expired: [],
};

export function canTransition(from: ConsentStatus, to: ConsentStatus): boolean {
  return ALLOWED[from].includes(to);
}

export interface SetupIntentOutcome {
  status: ConsentStatus;
  reason: string | null;
  paymentMethodId: string | null;
  mandateId: string | null;
}

/** What a SetupIntent, as Stripe reports it now, means for the consent record. */
export function outcomeOfSetupIntent(intent: Stripe.SetupIntent): SetupIntentOutcome {
  const paymentMethodId = idOf(intent.payment_method);
  const mandateId = idOf(intent.mandate);
  switch (intent.status) {
    case "succeeded":
      return { status: "active", reason: null, paymentMethodId, mandateId };
    case "canceled":
      return {
        status: "failed",
        reason: `canceled${intent.cancellation_reason ? `: ${intent.cancellation_reason}` : ""}`,
        paymentMethodId,
        mandateId,
      };
    case "requires_payment_method":
      if (intent.last_setup_error) {
        const { code, message } = intent.last_setup_error;
        if (message) console.error(`setup intent ${intent.id} failed: ${message}`);
        return { status: "failed", reason: code ?? "setup_attempt_failed", paymentMethodId, mandateId };
      }
      return { status: "pending", reason: null, paymentMethodId, mandateId };
    default:
      return { status: "pending", reason: null, paymentMethodId, mandateId };
  }
}
