/**
 * What the browser must do about a subscription's pending SetupIntent (seed 003),
 * for every status Stripe can report. Pure, so it is unit-tested exhaustively.
 */
export type SetupIntentStatus =
  "requires_payment_method" | "requires_confirmation" | "requires_action" | "processing" | "canceled" | "succeeded";

export interface PendingSetupSnapshot {
  status: SetupIntentStatus;
  last_setup_error?: { message?: string | null; code?: string | null } | null;
}

export type RecoveryStep =
  | { kind: "done" }
  /** Authenticate the card already on the intent: stripe.confirmCardSetup(clientSecret). */
  | { kind: "authenticate" }
  /** The card was refused: collect another and confirm the same intent with it. */
  | { kind: "collect_card"; reason: string | null }
  | { kind: "processing" }
  /** Nothing left to finish (the subscription ended and the intent was canceled). */
  | { kind: "canceled" };

export function recoveryStep(intent: PendingSetupSnapshot | null): RecoveryStep {
  if (!intent) return { kind: "done" };
  switch (intent.status) {
    case "succeeded":
      return { kind: "done" };
    case "requires_action":
    case "requires_confirmation":
      return { kind: "authenticate" };
    case "requires_payment_method":
      return { kind: "collect_card", reason: intent.last_setup_error?.code ?? null };
    case "processing":
      return { kind: "processing" };
    case "canceled":
      return { kind: "canceled" };
  }
}
