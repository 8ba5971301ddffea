/**
 * The product's notices, each queued inside the transaction that records what
 * it announces, with a dedupe key taken from the record or the Stripe object
 * (so a replayed webhook or a second page load never queues it twice).
 */
import type Stripe from "stripe";
import { db, type DbTransaction } from "@/lib/db/client";
import type { MandateConsent } from "@/lib/db/models";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { kickOutbox, queueEmail } from "./outbox";

const localeOf = (value: string): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

/** The consent just became active: confirm the mandate with the exact terms, in the language they were read in. */
export async function queueMandateConfirmation(tx: DbTransaction, consent: MandateConsent): Promise<void> {
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: consent.customerId } });
  await queueEmail(tx, {
    to: customer.email,
    locale: localeOf(consent.termsLocale),
    kind: "mandate_confirmation",
    dedupeKey: `mandate-confirmation:${consent.id}`,
    data: {
      paymentMethodType: consent.paymentMethodType,
      termsText: consent.termsText,
      termsVersion: consent.termsVersion,
      acceptedAt: consent.acceptedAt.toISOString(),
      mandateId: consent.mandateId,
    },
  });
}

/**
 * An invoice was recorded: a paid one gets a receipt, a renewal whose
 * off-session charge failed gets the failed-renewal notice. Zero-amount
 * invoices (a trial's or a free month's) get nothing.
 */
export async function queueInvoiceNotices(
  tx: DbTransaction,
  subscriptionRowId: string,
  invoice: Stripe.Invoice,
  intent: Stripe.PaymentIntent | null,
): Promise<boolean> {
  const subscription = await tx.subscription.findUniqueOrThrow({
    where: { id: subscriptionRowId },
    include: { customer: true, consent: true },
  });
  const to = subscription.customer.email;
  const locale = localeOf(subscription.customer.locale);
  const paymentMethodType = subscription.consent.paymentMethodType;
  const paidAt = invoice.status_transitions.paid_at;

  if (invoice.status === "paid" && invoice.amount_paid > 0 && paidAt) {
    await queueEmail(tx, {
      to,
      locale,
      kind: "receipt",
      dedupeKey: `receipt:${invoice.id}`,
      data: {
        invoiceId: invoice.id,
        amount: invoice.amount_paid,
        currency: invoice.currency,
        paidAt: new Date(paidAt * 1000).toISOString(),
        paymentMethodType,
        renewal: invoice.billing_reason === "subscription_cycle",
      },
    });
    return true;
  }
  const chargeFailed = invoice.status === "open" && Boolean(intent?.last_payment_error);
  if (invoice.billing_reason === "subscription_cycle" && chargeFailed && invoice.amount_due > 0) {
    await queueEmail(tx, {
      to,
      locale,
      kind: "renewal_failed",
      dedupeKey: `renewal-failed:${invoice.id}`,
      data: {
        invoiceId: invoice.id,
        // Ours, not Stripe's: the email links to the page that fixes this subscription's payment.
        subscriptionId: subscription.id,
        amount: invoice.amount_due,
        currency: invoice.currency,
        paymentMethodType,
      },
    });
    return true;
  }
  return false;
}

/**
 * Stripe's trial_will_end (three days before): remind what will be charged,
 * when, and how to stop it. `trialEnd` is the event's: a test clock advanced
 * far in one step may have ended the trial by the time the event is handled,
 * and the reminder the event stands for is still sent once. A canceled
 * subscription, or one whose trial end has changed since, gets none.
 */
export async function queueTrialEnding(tx: DbTransaction, subscriptionRowId: string, trialEnd: Date): Promise<boolean> {
  const subscription = await tx.subscription.findUniqueOrThrow({
    where: { id: subscriptionRowId },
    include: { customer: true, consent: true },
  });
  const ended = subscription.status === "canceled" || subscription.status === "incomplete_expired";
  if (ended || subscription.trialEnd?.getTime() !== trialEnd.getTime()) return false;
  await queueEmail(tx, {
    to: subscription.customer.email,
    locale: localeOf(subscription.customer.locale),
    kind: "trial_ending",
    dedupeKey: `trial-ending:${subscription.stripeSubscriptionId}:${trialEnd.getTime() / 1000}`,
    data: {
      trialEnd: trialEnd.toISOString(),
      amount: subscription.unitAmount,
      currency: subscription.currency,
      paymentMethodType: subscription.consent.paymentMethodType,
    },
  });
  return true;
}

/** For the trial_will_end webhook: queue the reminder for our copy of the subscription, then send it. */
export async function noticeTrialEnding(subscriptionRowId: string, trialEnd: Date): Promise<void> {
  const queued = await db().$transaction((tx) => queueTrialEnding(tx, subscriptionRowId, trialEnd));
  if (queued) kickOutbox();
}

/** An admin revoked the mandate: tell the customer, in the language they agreed in, queued with the change. */
export async function queueMandateRevoked(tx: DbTransaction, consent: MandateConsent, reason: string): Promise<void> {
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: consent.customerId } });
  await queueEmail(tx, {
    to: customer.email,
    locale: localeOf(consent.termsLocale),
    kind: "mandate_revoked",
    dedupeKey: `mandate-revoked:${consent.id}`,
    data: { paymentMethodType: consent.paymentMethodType, reason },
  });
}
