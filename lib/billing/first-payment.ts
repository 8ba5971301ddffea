import type Stripe from "stripe";
import { env } from "@/lib/env";
import { stripe } from "@/lib/stripe/server";

export type FirstPaymentState =
  | { kind: "paid" }
  | { kind: "redirect"; redirectUrl: string; clientSecret: string }
  | { kind: "failed"; reason: string }
  | { kind: "processing" };

/** The PaymentIntent of an invoice, found through `invoice.payments` (the API no longer has invoice.payment_intent). */
export async function invoicePaymentIntent(invoiceId: string): Promise<Stripe.PaymentIntent | null> {
  const invoice = await stripe().invoices.retrieve(invoiceId, { expand: ["payments"] });
  const payments = invoice.payments?.data ?? [];
  const payment = payments.find((p) => p.is_default) ?? payments[0];
  const intent = payment?.payment.payment_intent;
  if (!intent) return null;
  return typeof intent === "string" ? stripe().paymentIntents.retrieve(intent) : intent;
}

/**
 * Moves the first invoice's payment forward (seed 002: Kakao Pay needs the
 * customer again). `attemptKey` names this attempt: a double click or reload
 * reuses it and gets the same confirmation back; a deliberate retry after a
 * failure brings a new one.
 */
export async function advanceFirstPayment(input: {
  subscription: Stripe.Subscription;
  paymentMethodId: string;
  wallet: string;
  returnPath: string;
  attemptKey: string;
  retry: boolean;
}): Promise<FirstPaymentState> {
  const { subscription } = input;
  if (subscription.status === "active" || subscription.status === "trialing") return { kind: "paid" };
  const invoiceId =
    typeof subscription.latest_invoice === "string" ? subscription.latest_invoice : subscription.latest_invoice?.id;
  if (!invoiceId) return { kind: "processing" };
  const intent = await invoicePaymentIntent(invoiceId);
  if (!intent) return { kind: "processing" };

  switch (intent.status) {
    case "succeeded":
    case "processing":
      return { kind: "processing" };
    case "requires_action": {
      const redirectUrl = intent.next_action?.redirect_to_url?.url;
      return redirectUrl && intent.client_secret
        ? { kind: "redirect", redirectUrl, clientSecret: intent.client_secret }
        : { kind: "processing" };
    }
    case "requires_payment_method":
      if (intent.last_payment_error && !input.retry) {
        return { kind: "failed", reason: intent.last_payment_error.message ?? "The payment was declined." };
      }
      break;
    case "canceled":
      return { kind: "failed", reason: "The payment was canceled." };
  }

  const confirmed = await stripe().paymentIntents.confirm(
    intent.id,
    {
      payment_method: input.paymentMethodId,
      return_url: `${env().appUrl}${input.returnPath}`,
    },
    { idempotencyKey: `invoice-payment-confirm:${intent.id}:${input.attemptKey}` },
  );
  if (confirmed.status === "succeeded" || confirmed.status === "processing") return { kind: "processing" };
  const redirectUrl = confirmed.next_action?.redirect_to_url?.url;
  if (confirmed.status === "requires_action" && redirectUrl && confirmed.client_secret) {
    return { kind: "redirect", redirectUrl, clientSecret: confirmed.client_secret };
  }
  return { kind: "failed", reason: confirmed.last_payment_error?.message ?? "The payment could not be completed." };
}
