import type Stripe from "stripe";
import { stripe } from "./server";

/**
 * An invoice's PaymentIntent, found through `invoice.payments` (this API
 * version has no invoice.payment_intent). Retrieved once, with the invoice.
 */
export async function invoiceWithPaymentIntent(invoiceId: string) {
  const invoice = await stripe().invoices.retrieve(invoiceId, { expand: ["payments.data.payment.payment_intent"] });
  const payments = invoice.payments?.data ?? [];
  const payment = payments.find((p) => p.is_default) ?? payments[0];
  const reference = payment?.payment.payment_intent;
  const intent: Stripe.PaymentIntent | null =
    reference && typeof reference !== "string"
      ? reference
      : reference
        ? await stripe().paymentIntents.retrieve(reference)
        : null;
  return { invoice, intent };
}

/** Just the PaymentIntent of an invoice. */
export async function invoicePaymentIntent(invoiceId: string): Promise<Stripe.PaymentIntent | null> {
  return (await invoiceWithPaymentIntent(invoiceId)).intent;
}
