import { findSubscriptionById, refreshSubscription, snapshotOf } from "@/lib/db/subscriptions";
import { stripe } from "@/lib/stripe/server";
import { describeStripeError } from "@/lib/stripe/errors";

export type CancelMode = "period_end" | "now";
export type CancelResult = { ok: true; status: string; cancelAtPeriodEnd: boolean } | { ok: false; error: string };

/**
 * Cancels the customer's own subscription, at the end of the paid period or at
 * once. A scheduled cancel can be undone and done again, so its key names the
 * version of our row it acts on: a double click converges, a later change is new.
 */
export async function cancelSubscription(
  customerId: string,
  subscriptionId: string,
  mode: CancelMode,
): Promise<CancelResult> {
  const row = await findSubscriptionById(subscriptionId);
  if (!row || row.customerId !== customerId) return { ok: false, error: "This subscription is not yours." };
  if (row.status === "canceled") return { ok: true, status: row.status, cancelAtPeriodEnd: row.cancelAtPeriodEnd };
  if (mode === "period_end" && row.cancelAtPeriodEnd) return { ok: true, status: row.status, cancelAtPeriodEnd: true };
  try {
    const readAt = new Date();
    const subscription =
      mode === "now"
        ? await stripe().subscriptions.cancel(
            row.stripeSubscriptionId,
            {},
            { idempotencyKey: `subscription-cancel:${row.stripeSubscriptionId}` },
          )
        : await stripe().subscriptions.update(
            row.stripeSubscriptionId,
            { cancel_at_period_end: true },
            {
              idempotencyKey: `subscription-cancel-at-period-end:${row.stripeSubscriptionId}:${row.updatedAt.getTime()}`,
            },
          );
    // Stripe's answer is stored now: the account page shows it without waiting for the webhook.
    await refreshSubscription(snapshotOf(subscription), readAt);
    return { ok: true, status: subscription.status, cancelAtPeriodEnd: subscription.cancel_at_period_end };
  } catch (error) {
    // A concurrent cancel (another tab, a double click) may have won: then Stripe's state is the answer.
    const settled = await alreadyDone(row.stripeSubscriptionId, mode);
    if (settled) return settled;
    return { ok: false, error: describeStripeError(error).message };
  }
}

async function alreadyDone(stripeSubscriptionId: string, mode: CancelMode): Promise<CancelResult | null> {
  try {
    const readAt = new Date();
    const subscription = await stripe().subscriptions.retrieve(stripeSubscriptionId, { expand: ["items.data.price"] });
    const done = mode === "now" ? subscription.status === "canceled" : subscription.cancel_at_period_end;
    if (!done) return null;
    await refreshSubscription(snapshotOf(subscription), readAt);
    return { ok: true, status: subscription.status, cancelAtPeriodEnd: subscription.cancel_at_period_end };
  } catch {
    return null;
  }
}

/** Undoes a cancel scheduled for the period end: the subscription renews as before. */
export async function resumeSubscription(customerId: string, subscriptionId: string): Promise<CancelResult> {
  const row = await findSubscriptionById(subscriptionId);
  if (!row || row.customerId !== customerId) return { ok: false, error: "This subscription is not yours." };
  if (row.status === "canceled") return { ok: false, error: "A canceled subscription cannot be resumed." };
  if (!row.cancelAtPeriodEnd) return { ok: true, status: row.status, cancelAtPeriodEnd: false };
  try {
    const readAt = new Date();
    const subscription = await stripe().subscriptions.update(
      row.stripeSubscriptionId,
      { cancel_at_period_end: false },
      { idempotencyKey: `subscription-resume:${row.stripeSubscriptionId}:${row.updatedAt.getTime()}` },
    );
    await refreshSubscription(snapshotOf(subscription), readAt);
    return { ok: true, status: subscription.status, cancelAtPeriodEnd: subscription.cancel_at_period_end };
  } catch (error) {
    return { ok: false, error: describeStripeError(error).message };
  }
}
