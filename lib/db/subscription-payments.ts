import type Stripe from "stripe";
import { kickOutbox } from "@/lib/mail/kick";
import { queueInvoiceNotices } from "@/lib/mail/notices";
import { db } from "./client";

/**
 * Stores what an invoice and its charge are now, keyed by the invoice: replays
 * and reorders converge. The receipt or failed-renewal email is queued in the
 * same transaction (once per invoice, whatever the number of calls).
 */
export async function recordInvoice(
  subscriptionId: string,
  invoice: Stripe.Invoice,
  intent: Stripe.PaymentIntent | null,
) {
  const paidAt = invoice.status_transitions.paid_at;
  const data = {
    paymentIntentId: intent?.id ?? null,
    billingReason: invoice.billing_reason,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    currency: invoice.currency,
    status: invoice.status ?? "draft",
    failureMessage: invoice.status === "paid" ? null : (intent?.last_payment_error?.message ?? null),
    // Renewals are charged by Stripe while the customer is away, under the mandate.
    offSession: invoice.billing_reason === "subscription_cycle",
    periodStart: invoice.period_start ? new Date(invoice.period_start * 1000) : null,
    invoiceCreated: new Date(invoice.created * 1000),
    paidAt: paidAt ? new Date(paidAt * 1000) : null,
  };
  const { payment, queued } = await db().$transaction(async (tx) => {
    const payment = await tx.subscriptionPayment.upsert({
      where: { stripeInvoiceId: invoice.id },
      create: { subscriptionId, stripeInvoiceId: invoice.id, ...data },
      update: data,
    });
    return { payment, queued: await queueInvoiceNotices(tx, subscriptionId, invoice, intent) };
  });
  if (queued) kickOutbox();
  return payment;
}
