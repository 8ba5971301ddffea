import type Stripe from "stripe";
import { env } from "@/lib/env";
import { failureCodeOf } from "@/lib/stripe/failure-reasons";
import { walletRedirectUrl } from "@/lib/stripe/next-action";
import { stripe } from "@/lib/stripe/server";

export type FirstPaymentState =
  | { kind: "paid" }
  | { kind: "redirect"; redirectUrl: string; clientSecret: string }
  /** A card's 3D Secure, shown by Stripe.js on the page with this client secret. */
  | { kind: "authenticate"; clientSecret: string }
  /** `reason`: Stripe's decline_code / code, worded by the page. */
  | { kind: "failed"; reason: string }
  | { kind: "processing" };

/**
 * Moves the first invoice's payment forward (seed 002: Kakao Pay needs the
 * customer again). `attemptKey` names this attempt: a double click or reload
 * reuses it and gets the same confirmation back; a deliberate retry after a
 * failure brings a new one.
 */
export async function advanceFirstPayment(input: {
  subscription: Stripe.Subscription;
  /** The first invoice's PaymentIntent, as just read from Stripe. */
  intent: Stripe.PaymentIntent | null;
  paymentMethodId: string;
  /** A replacement method of another type than the invoice was issued for. */
  allowedTypes?: Stripe.PaymentIntentConfirmParams.AllowedPaymentMethodType[];
  returnPath: string;
  /** Cards: a 3D Secure challenge comes back for Stripe.js on the page, not as a redirect. */
  useStripeSdk?: boolean;
  attemptKey: string;
  retry: boolean;
}): Promise<FirstPaymentState> {
  const { subscription, intent } = input;
  if (subscription.status === "active" || subscription.status === "trialing") return { kind: "paid" };
  if (!intent) return { kind: "processing" };

  switch (intent.status) {
    case "succeeded":
    case "processing":
      return { kind: "processing" };
    case "requires_action":
      return redirectOf(intent) ?? authenticationOf(intent) ?? { kind: "processing" };
    case "requires_payment_method":
      if (intent.last_payment_error && !input.retry) {
        return { kind: "failed", reason: failureCodeOf(intent.last_payment_error) ?? "card_declined" };
      }
      break;
    case "canceled":
      return { kind: "failed", reason: "payment_intent_payment_attempt_expired" };
  }

  const confirmed = await stripe().paymentIntents.confirm(
    intent.id,
    {
      payment_method: input.paymentMethodId,
      ...(input.allowedTypes ? { allowed_payment_method_types: input.allowedTypes } : {}),
      return_url: `${env().appUrl}${input.returnPath}`,
      ...(input.useStripeSdk ? { use_stripe_sdk: true } : {}),
    },
    { idempotencyKey: `invoice-payment-confirm:${intent.id}:${input.attemptKey}` },
  );
  if (confirmed.status === "succeeded" || confirmed.status === "processing") return { kind: "processing" };
  const redirect = redirectOf(confirmed) ?? authenticationOf(confirmed);
  if (redirect) return redirect;
  if (confirmed.last_payment_error)
    console.error(`payment ${confirmed.id} failed: ${confirmed.last_payment_error.message}`);
  return {
    kind: "failed",
    reason: failureCodeOf(confirmed.last_payment_error) ?? "payment_intent_payment_attempt_failed",
  };
}

function redirectOf(intent: Stripe.PaymentIntent): FirstPaymentState | null {
  const redirectUrl = walletRedirectUrl(intent);
  return redirectUrl && intent.client_secret
    ? { kind: "redirect", redirectUrl, clientSecret: intent.client_secret }
    : null;
}

function authenticationOf(intent: Stripe.PaymentIntent): FirstPaymentState | null {
  return intent.status === "requires_action" && intent.next_action?.type === "use_stripe_sdk" && intent.client_secret
    ? { kind: "authenticate", clientSecret: intent.client_secret }
    : null;
}
