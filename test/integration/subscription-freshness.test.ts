import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { cancelSubscription } from "../../lib/billing/cancel-subscription";
import { syncSubscription } from "../../lib/billing/sync-subscription";
import { findSubscriptionById, refreshSubscription, snapshotOf } from "../../lib/db/subscriptions";
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

test("10 concurrent cancels: one cancel at Stripe, and the database says canceled as soon as they answer", async () => {
  const { customerId, subscriptionId } = await liveSubscription();
  const results = await Promise.all(
    Array.from({ length: 10 }, () => cancelSubscription(customerId, subscriptionId, "now")),
  );
  for (const result of results) assert.deepEqual(result, { ok: true, status: "canceled", cancelAtPeriodEnd: false });
  // No waiting for webhooks: the row already holds Stripe's answer.
  assert.equal((await findSubscriptionById(subscriptionId))!.status, "canceled");
  await inboxSettled();
  assert.equal((await findSubscriptionById(subscriptionId))!.status, "canceled");
});

test("a read from Stripe that began before the action's never overwrites the action's answer", async () => {
  const { customerId, subscriptionId } = await liveSubscription();
  const row = (await findSubscriptionById(subscriptionId))!;
  // A webhook handler read the subscription (active) and is slow to write it.
  const olderRead = new Date();
  const before = await h.sdk.subscriptions.retrieve(row.stripeSubscriptionId, { expand: ["items.data.price"] });
  assert.equal(before.status, "active");

  const scheduled = await cancelSubscription(customerId, subscriptionId, "period_end");
  assert.deepEqual(scheduled, { ok: true, status: "active", cancelAtPeriodEnd: true });
  assert.equal(await refreshSubscription(snapshotOf(before), olderRead), false, "the older read is not written");
  assert.equal((await findSubscriptionById(subscriptionId))!.cancelAtPeriodEnd, true);

  // A canceled subscription stays canceled whatever an out-of-order read says.
  await cancelSubscription(customerId, subscriptionId, "now");
  assert.equal(await refreshSubscription(snapshotOf(before), new Date()), false);
  assert.equal((await findSubscriptionById(subscriptionId))!.status, "canceled");
  // A fresh read still converges on Stripe's state.
  await syncSubscription(row.stripeSubscriptionId);
  const after = (await findSubscriptionById(subscriptionId))!;
  assert.equal(after.status, "canceled");
  assert.ok(after.stripeReadAt);
});
