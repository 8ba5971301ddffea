import type { FailureCode } from "@/lib/stripe/errors";
import type { Messages } from "./messages";

export type ErrorCode = FailureCode | "terms_changed" | "form_conflict" | "checkout_wallet";

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
    checkout_wallet: t.errorCheckoutWallet,
  }[code];
}
