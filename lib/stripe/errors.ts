import Stripe from "stripe";
import { failureCodeOf } from "./failure-reasons";

/** What went wrong, as the customer's page words it (lib/i18n/error-message.ts). */
export type FailureCode = "card" | "unavailable" | "conflict" | "refused" | "unexpected";

/**
 * A message safe to show the customer for a failed Stripe call, and its code
 * for translation. Request ids are logged for support; secrets and stack traces
 * never leave the server.
 */
export function describeStripeError(error: unknown): { code: FailureCode; message: string; retryable: boolean } {
  if (error instanceof Stripe.errors.StripeError) {
    console.error(`stripe error ${error.type} ${error.code ?? ""} request=${error.requestId ?? "-"}: ${error.message}`);
    switch (error.type) {
      case "StripeCardError":
        // The issuer's reason travels as Stripe's code; the page words it (lib/stripe/failure-reasons.ts).
        return { code: "card", message: failureCodeOf(error) ?? "card_declined", retryable: true };
      case "StripeConnectionError":
      case "StripeAPIError":
      case "StripeRateLimitError":
        return { code: "unavailable", message: FAILURE_MESSAGES.unavailable, retryable: true };
      case "StripeIdempotencyError":
        return { code: "conflict", message: FAILURE_MESSAGES.conflict, retryable: false };
      default:
        return { code: "refused", message: FAILURE_MESSAGES.refused, retryable: false };
    }
  }
  console.error("unexpected error", error);
  return { code: "unexpected", message: FAILURE_MESSAGES.unexpected, retryable: true };
}

/** English wording, for logs and callers without a locale. */
export const FAILURE_MESSAGES: Record<Exclude<FailureCode, "card">, string> = {
  unavailable: "The payment service did not answer. Nothing was charged; please try again.",
  conflict: "This request was already sent with different details. Please reload and try again.",
  refused: "The payment service refused this request. Please check the details and try again.",
  unexpected: "Something went wrong on our side. Nothing was charged; please try again.",
};
