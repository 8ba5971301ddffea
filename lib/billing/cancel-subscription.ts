import { findSubscriptionById, refreshSubscription, snapshotOf } from "@/lib/db/subscriptions";
import { stripe } from "@/lib/stripe/server";
import { describeStripeError } from "@/lib/stripe/errors";
import { oneActionAtATime } from "./one-action-at-a-time";

export type CancelMode = "period_end" | "now";
export type CancelResult =
  { ok: true; status: string; cancelAtPeriodEnd: boolean } | { ok: false; error: string; busy?: true };

/** What a customer is told when another change to the subscription holds it past the wait. */
export const BUSY = { ok: false, busy: true, error: "Another change to this subscription is in progress." } as const;

/**
 * Cancels the customer's own subscription, at the end of the paid period or at
 * once. Changes to one subscription run one at a time (./one-action-at-a-time.ts),
 * each deciding from the row as the previous one left it. A scheduled cancel
 * can be undone and done again, so its key names the row's change count: a
 * retry of the same change converges, a later change is new.
 */
export async function cancelSubscription(
  customerId: string,
  subscriptionId: string,
  mode: CancelMode,
): Promise<CancelResult> {
  const owned = await findSubscriptionById(subscriptionId);
  if (!owned || owned.customerId !== customerId) return { ok: false, error: "This subscription is not yours." };
  const outcome = await oneActionAtATime(subscriptionId, async (held): Promise<CancelResult> => {
    const row = (await findSubscriptionById(subscriptionId))!;
    if (row.status === "canceled") return { ok: true, status: row.status, cancelAtPeriodEnd: row.cancelAtPeriodEnd };
    if (mode === "period_end" && row.cancelAtPeriodEnd)
      return { ok: true, status: row.status, cancelAtPeriodEnd: true };
    const version = row.actionVersion ?? 0;
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
              { idempotencyKey: `subscription-cancel-at-period-end:${row.stripeSubscriptionId}:${version}` },
            );
      held.completed(version);
      // Stripe's answer is stored now: the account page shows it without waiting for the webhook.
      await refreshSubscription(snapshotOf(subscription), readAt);
      return { ok: true, status: subscription.status, cancelAtPeriodEnd: subscription.cancel_at_period_end };
    } catch (error) {
      // Canceled meanwhile elsewhere (the Dashboard, an admin): then Stripe's state is the answer.
      const settled = await alreadyDone(row.stripeSubscriptionId, mode);
      if (settled) return settled;
      return { ok: false, error: describeStripeError(error).message };
    }
  });
  return outcome.held ? outcome.value : BUSY;
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
  const owned = await findSubscriptionById(subscriptionId);
  if (!owned || owned.customerId !== customerId) return { ok: false, error: "This subscription is not yours." };
  const outcome = await oneActionAtATime(subscriptionId, async (held): Promise<CancelResult> => {
    const row = (await findSubscriptionById(subscriptionId))!;
    if (row.status === "canceled") return { ok: false, error: "A canceled subscription cannot be resumed." };
    if (!row.cancelAtPeriodEnd) return { ok: true, status: row.status, cancelAtPeriodEnd: false };
    const version = row.actionVersion ?? 0;
    try {
      const readAt = new Date();
      const subscription = await stripe().subscriptions.update(
        row.stripeSubscriptionId,
        { cancel_at_period_end: false },
        { idempotencyKey: `subscription-resume:${row.stripeSubscriptionId}:${version}` },
      );
      held.completed(version);
      await refreshSubscription(snapshotOf(subscription), readAt);
      return { ok: true, status: subscription.status, cancelAtPeriodEnd: subscription.cancel_at_period_end };
    } catch (error) {
      return { ok: false, error: describeStripeError(error).message };
    }
  });
  return outcome.held ? outcome.value : BUSY;
}
