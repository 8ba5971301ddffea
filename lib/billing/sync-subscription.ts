import type Stripe from "stripe";
import { findConsentById } from "@/lib/db/consents";
import { recordInvoice } from "@/lib/db/subscription-payments";
import { findSubscriptionByStripeId, saveSubscription, snapshotOf } from "@/lib/db/subscriptions";
import { idOf } from "@/lib/stripe/ids";
import { invoiceWithPaymentIntent } from "@/lib/stripe/invoice-payment";
import { stripe } from "@/lib/stripe/server";

/**
 * Re-reads a subscription (and, if given, one of its invoices) from Stripe and
 * stores what they are now. Webhooks and the developer clock call it; any order
 * of calls converges on the same rows.
 */
export async function syncSubscription(stripeSubscriptionId: string, invoiceId?: string | null) {
  const readAt = new Date();
  const subscription = await stripe().subscriptions.retrieve(stripeSubscriptionId, { expand: ["items.data.price"] });
  const row = await findSubscriptionByStripeId(subscription.id);
  const owner = row ?? (await ownerOf(subscription));
  if (!owner) return null; // not created by this app
  const saved = await saveSubscription(
    { customerId: owner.customerId, consentId: owner.consentId },
    snapshotOf(subscription),
    readAt,
    row,
  );
  if (invoiceId) await syncInvoice(saved.id, invoiceId);
  return { row: saved, subscription };
}

/** A subscription we have no row for yet: ours when its metadata names one of our consents. */
async function ownerOf(subscription: Stripe.Subscription) {
  const consentId = subscription.metadata.consent_id;
  const consent = consentId ? await findConsentById(consentId) : null;
  return consent && { customerId: consent.customerId, consentId: consent.id };
}

/** Stores an invoice and its charge as they are now; returns the charge's PaymentIntent for callers that act on it. */
export async function syncInvoice(subscriptionRowId: string, invoiceId: string) {
  const { invoice, intent } = await invoiceWithPaymentIntent(invoiceId);
  await recordInvoice(subscriptionRowId, invoice, intent);
  return intent;
}

/**
 * Seed 003: Stripe does not cancel a subscription's pending SetupIntent when the
 * subscription ends, so we do, lest the customer be asked to authenticate for
 * something that no longer exists.
 */
export async function cancelLeftoverPendingSetup(subscription: Stripe.Subscription) {
  const id = idOf(subscription.pending_setup_intent);
  if (!id) return false;
  const intent = await stripe().setupIntents.retrieve(id);
  if (intent.status === "succeeded" || intent.status === "canceled") return false;
  await stripe().setupIntents.cancel(
    id,
    { cancellation_reason: "abandoned" },
    { idempotencyKey: `pending-setup-cancel:${id}` },
  );
  return true;
}
