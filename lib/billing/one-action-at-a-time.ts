import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { claimSubscriptionAction, releaseSubscriptionAction } from "@/lib/db/subscription-actions";

/** Longer than the slowest action (each Stripe call gives up after 10 s and two retries). */
const HOLD_MS = 120_000;
/**
 * How long a second action waits for the first before the customer is told a
 * change is in progress: about as long as one slow Stripe call, so a double
 * click or two tabs normally both end with the same answer.
 */
const WAIT_MS = 20_000;

export interface HeldSubscription {
  /** The change reached Stripe: the next one gets new idempotency keys (derived from `version`). */
  completed(version: number): void;
}

export type Serialized<T> = { held: true; value: T } | { held: false };

/**
 * Runs `action` while it alone holds the subscription. A concurrent action
 * waits its turn (then re-reads the row, so a repeated cancel finds it done);
 * past the wait it is not run at all and the caller says a change is in progress.
 */
export async function oneActionAtATime<T>(
  subscriptionId: string,
  action: (held: HeldSubscription) => Promise<T>,
  waitMs = WAIT_MS,
): Promise<Serialized<T>> {
  const token = randomUUID();
  const giveUpAt = Date.now() + waitMs;
  while (!(await claimSubscriptionAction(subscriptionId, token, HOLD_MS))) {
    if (Date.now() >= giveUpAt) return { held: false };
    await sleep(25 + Math.random() * 75);
  }
  let completedVersion: number | null = null;
  try {
    const value = await action({ completed: (version) => (completedVersion = version) });
    return { held: true, value };
  } finally {
    await releaseSubscriptionAction(subscriptionId, token, completedVersion);
  }
}
