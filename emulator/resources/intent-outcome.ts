/**
 * How a SetupIntent or PaymentIntent reports a card decline and a finished
 * wallet redirect. Stripe uses the same shapes for both; only the key naming
 * the intent (`setup_intent` / `payment_intent`) differs.
 */
import type Stripe from "stripe";
import { StripeError } from "../http/errors.js";
import { returnUrlWith } from "../redirects.js";
import { docUrl, type CardDecline } from "../cards.js";

type IntentKey = "setup_intent" | "payment_intent";

/** `last_setup_error` / `last_payment_error` for a declined card. */
export function cardDeclineLastError(
  decline: CardDecline,
  pm: Stripe.PaymentMethod,
): Stripe.SetupIntent.LastSetupError & Stripe.PaymentIntent.LastPaymentError {
  return {
    code: decline.code,
    decline_code: decline.decline_code,
    doc_url: docUrl(decline.code),
    message: decline.message,
    payment_method: structuredClone(pm),
    type: "card_error",
  };
}

/** The 402 card_error Stripe answers with, carrying snapshots of the intent and the method. */
export function cardDeclineError(
  decline: CardDecline,
  key: IntentKey,
  intent: Stripe.SetupIntent | Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
): StripeError {
  return new StripeError({
    status: 402,
    type: "card_error",
    code: decline.code,
    declineCode: decline.decline_code,
    message: decline.message,
    extra: { [key]: structuredClone(intent), payment_method: structuredClone(pm) },
  });
}

/** Where the wallet page sends the customer back: return_url plus the intent and the outcome. */
export function redirectReturnUrl(
  returnUrl: string,
  key: IntentKey,
  intent: { id: string; client_secret: string | null },
  status: "succeeded" | "failed",
): string {
  return returnUrlWith(returnUrl, {
    [key]: intent.id,
    [`${key}_client_secret`]: intent.client_secret ?? "",
    redirect_status: status,
  });
}
