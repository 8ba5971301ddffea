import type Stripe from "stripe";
import { idOf } from "@/lib/stripe/ids";
import { db } from "./client";

/** Our copy of a Stripe subscription: what the account page reads without calling Stripe. */
export interface SubscriptionSnapshot {
  stripeSubscriptionId: string;
  status: string;
  priceId: string;
  currency: string;
  unitAmount: number;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  latestInvoiceId: string | null;
  pendingSetupIntentId: string | null;
  trialEnd: Date | null;
}

export function snapshotOf(subscription: Stripe.Subscription): SubscriptionSnapshot {
  const item = subscription.items.data[0];
  return {
    stripeSubscriptionId: subscription.id,
    status: subscription.status,
    priceId: item?.price.id ?? "",
    currency: subscription.currency,
    unitAmount: item?.price.unit_amount ?? 0,
    currentPeriodEnd: item ? new Date(item.current_period_end * 1000) : null,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    canceledAt: subscription.canceled_at ? new Date(subscription.canceled_at * 1000) : null,
    latestInvoiceId: idOf(subscription.latest_invoice),
    pendingSetupIntentId: idOf(subscription.pending_setup_intent),
    trialEnd: subscription.trial_end ? new Date(subscription.trial_end * 1000) : null,
  };
}

/** Writes the snapshot under the Stripe id, so the return page and webhooks converge on one row. */
export async function saveSubscription(
  owner: { customerId: string; consentId: string },
  snapshot: SubscriptionSnapshot,
) {
  return db().subscription.upsert({
    where: { stripeSubscriptionId: snapshot.stripeSubscriptionId },
    create: { ...owner, ...snapshot },
    update: snapshot,
  });
}

export async function refreshSubscription(snapshot: SubscriptionSnapshot) {
  const { count } = await db().subscription.updateMany({
    where: { stripeSubscriptionId: snapshot.stripeSubscriptionId },
    data: snapshot,
  });
  return count > 0;
}

export function findSubscriptionByConsent(consentId: string) {
  return db().subscription.findUnique({ where: { consentId } });
}

export function findSubscriptionByStripeId(stripeSubscriptionId: string) {
  return db().subscription.findUnique({ where: { stripeSubscriptionId } });
}

export function listSubscriptionsOfCustomer(customerId: string) {
  return db().subscription.findMany({
    where: { customerId },
    orderBy: { createdAt: "desc" },
    include: { consent: true, payments: { orderBy: { invoiceCreated: "desc" } } },
  });
}

export function findSubscriptionById(id: string) {
  return db().subscription.findUnique({ where: { id }, include: { consent: true, customer: true } });
}

/** The consent whose method pays the subscription from now on (a replacement of the original). */
export async function setPaymentConsent(id: string, paymentConsentId: string) {
  await db().subscription.update({ where: { id }, data: { paymentConsentId } });
}

/** Live subscriptions a consent's method pays: its own, or those it replaced the method of. */
export function subscriptionsPaidBy(consentId: string) {
  return db().subscription.findMany({
    where: {
      status: { notIn: ["canceled", "incomplete_expired"] },
      OR: [{ paymentConsentId: consentId }, { consentId, paymentConsentId: null }],
    },
  });
}
