import type Stripe from "stripe";
import { kickOutbox } from "@/lib/mail/kick";
import { queueInvoiceNotices } from "@/lib/mail/notices";
import { failureCodeOf } from "@/lib/stripe/failure-reasons";
import { db } from "./client";
import { committedRow, storedEquals } from "./committed-read";

/**
 * Stores what an invoice and its charge are now, keyed by the invoice: replays
 * and reorders converge. The receipt or failed-renewal email is queued in the
 * same transaction (once per invoice, whatever the number of calls).
 */
export async function recordInvoice(
  subscriptionId: string,
  invoice: Stripe.Invoice,
  intent: Stripe.PaymentIntent | null,
): Promise<void> {
  const paidAt = invoice.status_transitions.paid_at;
  const data = {
    paymentIntentId: intent?.id ?? null,
    billingReason: invoice.billing_reason,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    currency: invoice.currency,
    status: invoice.status ?? "draft",
    // Stripe's text is kept for support; the customer reads our words for failureCode.
    failureMessage: invoice.status === "paid" ? null : (intent?.last_payment_error?.message ?? null),
    failureCode: invoice.status === "paid" ? null : failureCodeOf(intent?.last_payment_error),
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdf: invoice.invoice_pdf ?? null,
    // Renewals are charged by Stripe while the customer is away, under the mandate.
    offSession: invoice.billing_reason === "subscription_cycle",
    periodStart: invoice.period_start ? new Date(invoice.period_start * 1000) : null,
    invoiceCreated: new Date(invoice.created * 1000),
    paidAt: paidAt ? new Date(paidAt * 1000) : null,
  };
  // A re-read of an unchanged invoice (most webhook deliveries) writes nothing: the transaction that
  // stored these values already queued whatever email they call for. Read as committed (committed-read.ts).
  const stored = await committedRow("SubscriptionPayment", invoice.id);
  if (stored && stored.subscriptionId === subscriptionId && sameValues(stored, data)) return;
  const queued = await db().$transaction(async (tx) => {
    await tx.subscriptionPayment.upsert({
      where: { stripeInvoiceId: invoice.id },
      create: { subscriptionId, stripeInvoiceId: invoice.id, ...data },
      update: data,
    });
    return queueInvoiceNotices(tx, subscriptionId, invoice, intent);
  });
  if (queued) kickOutbox();
}

/** True when every field of `data` has the stored value. */
function sameValues(stored: Record<string, unknown>, data: Record<string, unknown>): boolean {
  return Object.entries(data).every(([key, value]) => storedEquals(stored[key], value));
}

/** The newest charge of a subscription that is still unpaid: what failed, for the account card and the fix page. */
export function latestUnpaidPayment(subscriptionId: string) {
  return db().subscriptionPayment.findFirst({
    where: { subscriptionId, status: "open" },
    orderBy: { invoiceCreated: "desc" },
  });
}
