import Stripe from "stripe";

/**
 * A message safe to show the customer for a failed Stripe call. Request ids are
 * logged for support; secrets and stack traces never leave the server.
 */
export function describeStripeError(error: unknown): { message: string; retryable: boolean } {
  if (error instanceof Stripe.errors.StripeError) {
    console.error(`stripe error ${error.type} ${error.code ?? ""} request=${error.requestId ?? "-"}: ${error.message}`);
    switch (error.type) {
      case "StripeCardError":
        return { message: error.message, retryable: true };
      case "StripeConnectionError":
      case "StripeAPIError":
      case "StripeRateLimitError":
        return {
          message: "The payment service did not answer. Nothing was charged; please try again.",
          retryable: true,
        };
      case "StripeIdempotencyError":
        return {
          message: "This request was already sent with different details. Please reload and try again.",
          retryable: false,
        };
      default:
        return {
          message: "The payment service refused this request. Please check the details and try again.",
          retryable: false,
        };
    }
  }
  console.error("unexpected error", error);
  return { message: "Something went wrong on our side. Nothing was charged; please try again.", retryable: true };
}
