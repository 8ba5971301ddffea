import type Stripe from "stripe";
import { idOf } from "@/lib/stripe/ids";
import { db } from "./client";
import { isUniqueViolation } from "./errors";
import type { Subscription } from "./models";

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

/**
 * Which stored rows a snapshot read at `readAt` may overwrite: none read later
 * (an older webhook read never undoes an action's newer answer), and never a
 * canceled one with anything but canceled (Stripe's cancel is final).
 */
function overwritable(snapshot: SubscriptionSnapshot, readAt: Date) {
  return {
    stripeSubscriptionId: snapshot.stripeSubscriptionId,
    OR: [{ stripeReadAt: null }, { stripeReadAt: { lte: readAt } }],
    ...(snapshot.status === "canceled" ? {} : { status: { not: "canceled" } }),
  };
}

/**
 * Writes the snapshot under the Stripe id, so the return page and webhooks
 * converge on one row. `readAt`: when the snapshot's read from Stripe began.
 * `existing`: the row as the caller just read it (saves reading it again).
 */
export async function saveSubscription(
  owner: { customerId: string; consentId: string },
  snapshot: SubscriptionSnapshot,
  readAt: Date = new Date(),
  existing?: Subscription | null,
): Promise<Subscription> {
  const known = existing === undefined ? await findSubscriptionByStripeId(snapshot.stripeSubscriptionId) : existing;
  if (!known) {
    try {
      return await db().subscription.create({ data: { ...owner, ...snapshot, stripeReadAt: readAt } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const [refreshed] = await refreshedRows(snapshot, readAt);
  // Refused (a newer read is stored): the row as it is.
  return refreshed ?? (await findSubscriptionByStripeId(snapshot.stripeSubscriptionId))!;
}

/** Stores a newer snapshot of a known subscription; an older one changes nothing (false). */
export async function refreshSubscription(snapshot: SubscriptionSnapshot, readAt: Date = new Date()) {
  return (await refreshedRows(snapshot, readAt)).length > 0;
}

/** The rows a snapshot overwrote (none, or the one): update and read back in one statement. */
function refreshedRows(snapshot: SubscriptionSnapshot, readAt: Date) {
  return db().subscription.updateManyAndReturn({
    where: overwritable(snapshot, readAt),
    data: { ...snapshot, stripeReadAt: readAt },
  });
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
