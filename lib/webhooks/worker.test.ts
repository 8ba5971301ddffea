import assert from "node:assert/strict";
import { test } from "node:test";
import type { ClaimedEvent } from "@/lib/db/webhook-inbox";
import { runsOf } from "./worker";

const event = (id: string, type: string): ClaimedEvent => ({ id, type, objectId: "sub_1", payload: "{}", attempts: 1 });

test("consecutive re-read-only events of an object share one run; any other event runs alone, in order", () => {
  const events = [
    event("evt_1", "customer.subscription.created"),
    event("evt_2", "customer.subscription.updated"),
    event("evt_3", "customer.subscription.updated"),
    event("evt_4", "customer.subscription.deleted"),
    event("evt_5", "customer.subscription.updated"),
    event("evt_6", "customer.subscription.trial_will_end"),
    event("evt_7", "customer.subscription.trial_will_end"),
  ];
  assert.deepEqual(
    runsOf(events).map((run) => run.map((e) => e.id)),
    [["evt_1", "evt_2", "evt_3"], ["evt_4"], ["evt_5"], ["evt_6"], ["evt_7"]],
  );
});

test("invoice events of one invoice share a run; setup intent events never do (their evidence names the event)", () => {
  const invoices = [event("evt_a", "invoice.finalized"), event("evt_b", "invoice.paid")];
  assert.deepEqual(runsOf(invoices).length, 1);
  const intents = [event("evt_c", "setup_intent.requires_action"), event("evt_d", "setup_intent.succeeded")];
  assert.deepEqual(runsOf(intents).length, 2);
});
