import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type Stripe from "stripe";
import { cancelSubscription, resumeSubscription } from "../../lib/billing/cancel-subscription";
import { claimSubscriptionAction } from "../../lib/db/subscription-actions";
import { findSubscriptionById } from "../../lib/db/subscriptions";
import { stripe } from "../../lib/stripe/server";
import { liveWalletSubscription } from "../support/flows";
import { inboxSettled, startHarness, type Harness } from "../support/harness";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

const liveSubscription = () => liveWalletSubscription(h.sdk);

/** Every mutating request the app's own Stripe client sends for one subscription while `run` runs. */
async function writesTo<T>(stripeId: string, run: () => Promise<T>) {
  const writes: { method: string; key: string | undefined }[] = [];
  const listener = (event: Stripe.RequestEvent) => {
    if (event.method !== "GET" && event.path.startsWith(`/v1/subscriptions/${stripeId}`))
      writes.push({ method: event.method, key: event.idempotency_key });
  };
  stripe().on("request", listener);
  try {
    return { result: await run(), writes };
  } finally {
    stripe().off("request", listener);
  }
}

/** The row and Stripe agree on what the customer sees: status and a scheduled cancel. */
async function assertDatabaseEqualsStripe(subscriptionId: string, stripeId: string) {
  const atStripe = await h.sdk.subscriptions.retrieve(stripeId);
  const row = (await findSubscriptionById(subscriptionId))!;
  assert.deepEqual(
    { status: row.status, cancelAtPeriodEnd: row.cancelAtPeriodEnd },
    { status: atStripe.status, cancelAtPeriodEnd: atStripe.cancel_at_period_end },
  );
  assert.equal(row.actionToken, null, "no action still holds the subscription");
  return atStripe;
}

async function eventsOf(stripeId: string, type: string) {
  const events = await h.sdk.events.list({ type, limit: 100 });
  return events.data.filter((event) => (event.data.object as { id?: string }).id === stripeId);
}

test("10 concurrent cancels at the period end: one request to Stripe, and the database says what Stripe says", async () => {
  const { customerId, subscriptionId, stripeId } = await liveSubscription();
  const { result, writes } = await writesTo(stripeId, () =>
    Promise.all(Array.from({ length: 10 }, () => cancelSubscription(customerId, subscriptionId, "period_end"))),
  );
  for (const r of result) assert.deepEqual(r, { ok: true, status: "active", cancelAtPeriodEnd: true });
  assert.equal(writes.length, 1, JSON.stringify(writes));
  // Before any webhook is applied: the action stored Stripe's answer.
  const atStripe = await assertDatabaseEqualsStripe(subscriptionId, stripeId);
  assert.equal(atStripe.cancel_at_period_end, true);
  await inboxSettled();
  await assertDatabaseEqualsStripe(subscriptionId, stripeId);
});

test("10 concurrent cancels now: one cancel at Stripe, one deletion event", async () => {
  const { customerId, subscriptionId, stripeId } = await liveSubscription();
  const { result, writes } = await writesTo(stripeId, () =>
    Promise.all(Array.from({ length: 10 }, () => cancelSubscription(customerId, subscriptionId, "now"))),
  );
  for (const r of result) assert.deepEqual(r, { ok: true, status: "canceled", cancelAtPeriodEnd: false });
  assert.deepEqual(
    writes.map((w) => w.method),
    ["DELETE"],
  );
  assert.equal((await assertDatabaseEqualsStripe(subscriptionId, stripeId)).status, "canceled");
  assert.equal((await eventsOf(stripeId, "customer.subscription.deleted")).length, 1);
});

test("cancels racing resumes: every change is one request, none is lost, the database ends where Stripe does", async () => {
  const { customerId, subscriptionId, stripeId } = await liveSubscription();
  const { result, writes } = await writesTo(stripeId, () =>
    Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2 === 0
          ? cancelSubscription(customerId, subscriptionId, "period_end")
          : resumeSubscription(customerId, subscriptionId),
      ),
    ),
  );
  // Each one ran in its turn, or (on a slow machine, past the wait) was told another change was in progress.
  for (const r of result) assert.ok(r.ok || r.busy, JSON.stringify(r));
  const ran = result.filter((r) => r.ok).length;
  assert.ok(ran >= 2 && writes.length <= ran, JSON.stringify({ ran, writes }));
  // Each request flipped the state (a serialized action that found it already so sent nothing),
  // and each flip had its own key: a change is never mistaken for a retry of the one before.
  const keys = writes.map((w) => w.key);
  assert.equal(new Set(keys).size, keys.length, JSON.stringify(keys));
  const atStripe = await assertDatabaseEqualsStripe(subscriptionId, stripeId);
  // The row's change count is what Stripe saw: one per request that reached it.
  assert.equal((await findSubscriptionById(subscriptionId))!.actionVersion ?? 0, writes.length);
  await inboxSettled();
  assert.equal(
    (await assertDatabaseEqualsStripe(subscriptionId, stripeId)).cancel_at_period_end,
    atStripe.cancel_at_period_end,
  );
});

test("cancel, resume and cancel again in turn: three changes at Stripe, each under its own key", async () => {
  const { customerId, subscriptionId, stripeId } = await liveSubscription();
  const { writes } = await writesTo(stripeId, async () => {
    assert.equal((await cancelSubscription(customerId, subscriptionId, "period_end")).ok, true);
    assert.equal((await resumeSubscription(customerId, subscriptionId)).ok, true);
    assert.equal((await cancelSubscription(customerId, subscriptionId, "period_end")).ok, true);
  });
  assert.equal(writes.length, 3);
  assert.equal(new Set(writes.map((w) => w.key)).size, 3);
  assert.equal((await assertDatabaseEqualsStripe(subscriptionId, stripeId)).cancel_at_period_end, true);
});

test("a change held by another action: a lapsed claim (crashed holder) is taken over; a live one is reported busy, nothing sent", async () => {
  const { customerId, subscriptionId, stripeId } = await liveSubscription();
  // A process that claimed the subscription and died: its claim lapses after its hold.
  assert.equal(await claimSubscriptionAction(subscriptionId, "crashed-holder", 300), true);
  assert.equal(await claimSubscriptionAction(subscriptionId, "someone-else", 300), false, "one holder at a time");
  assert.deepEqual(await cancelSubscription(customerId, subscriptionId, "period_end"), {
    ok: true,
    status: "active",
    cancelAtPeriodEnd: true,
  });

  // A holder that is still working past the second action's wait.
  assert.equal(await claimSubscriptionAction(subscriptionId, "slow-holder", 60_000), true);
  const { result, writes } = await writesTo(stripeId, () => resumeSubscription(customerId, subscriptionId));
  assert.deepEqual(result, { ok: false, busy: true, error: "Another change to this subscription is in progress." });
  assert.equal(writes.length, 0);
  const row = (await findSubscriptionById(subscriptionId))!;
  assert.equal(row.actionToken, "slow-holder", "the busy action did not release another's claim");
  assert.equal(row.cancelAtPeriodEnd, true);
});

test("someone else's subscription: refused before any claim or Stripe call", async () => {
  const mine = await liveSubscription();
  const theirs = await liveSubscription();
  const { result, writes } = await writesTo(theirs.stripeId, () =>
    cancelSubscription(mine.customerId, theirs.subscriptionId, "now"),
  );
  assert.deepEqual(result, { ok: false, error: "This subscription is not yours." });
  assert.equal(writes.length, 0);
  assert.equal((await findSubscriptionById(theirs.subscriptionId))!.actionToken, null);
});
