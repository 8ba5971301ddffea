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

/** Stripe's wording when the customer fails authentication, per intent. */
const AUTHENTICATION_FAILURE_MESSAGE: Record<IntentKey, string> = {
  payment_intent:
    "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
  setup_intent:
    "The latest attempt to set up the payment method has failed because authentication failed. Provide a new payment method to attempt to set up the payment method again.",
};

/** `last_setup_error` / `last_payment_error` when the customer failed the wallet page or 3D Secure. */
export function authenticationFailureError(
  key: IntentKey,
  pm: Stripe.PaymentMethod | undefined,
): Stripe.SetupIntent.LastSetupError & Stripe.PaymentIntent.LastPaymentError {
  const code = `${key}_authentication_failure` as const;
  return {
    code,
    doc_url: docUrl(code),
    message: AUTHENTICATION_FAILURE_MESSAGE[key],
    payment_method: pm ? structuredClone(pm) : undefined,
    payment_method_type: pm?.type,
    type: "invalid_request_error",
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
