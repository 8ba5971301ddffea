/**
 * One customer or admin action on a subscription at a time: the action claims
 * the row with a conditional UPDATE (the same statement on SQLite and
 * PostgreSQL, atomic on both) and holds the claim while it talks to Stripe,
 * with no database transaction left open across the HTTP call. A holder that
 * crashed is superseded once its claim lapses.
 */
import { db } from "./client";

/** Claims the subscription for the action named by `token`; false while another action's claim is live. */
export async function claimSubscriptionAction(id: string, token: string, holdMs: number): Promise<boolean> {
  const now = new Date();
  const { count } = await db().subscription.updateMany({
    where: { id, OR: [{ actionLockedUntil: null }, { actionLockedUntil: { lt: now } }] },
    data: { actionToken: token, actionLockedUntil: new Date(now.getTime() + holdMs) },
  });
  return count === 1;
}

/**
 * Gives the claim up. `completedVersion`: the action changed the subscription
 * at Stripe, so the next change gets new idempotency keys (a retry of this
 * one, before release, reused the same keys).
 */
export async function releaseSubscriptionAction(id: string, token: string, completedVersion: number | null) {
  await db().subscription.updateMany({
    where: { id, actionToken: token },
    data: {
      actionToken: null,
      actionLockedUntil: null,
      ...(completedVersion === null ? {} : { actionVersion: completedVersion + 1 }),
    },
  });
}

/** Whether some action holds the subscription now (the account page says so). */
export async function subscriptionActionInProgress(id: string): Promise<boolean> {
  const row = await db().subscription.findUnique({ where: { id }, select: { actionLockedUntil: true } });
  return Boolean(row?.actionLockedUntil && row.actionLockedUntil > new Date());
}
