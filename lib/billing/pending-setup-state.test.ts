import assert from "node:assert/strict";
import { test } from "node:test";
import { recoveryStep, type SetupIntentStatus } from "./pending-setup-state";

test("no pending SetupIntent means nothing to do", () => {
  assert.deepEqual(recoveryStep(null), { kind: "done" });
});

test("every status Stripe can report has exactly one next step", () => {
  const expected: Record<SetupIntentStatus, string> = {
    succeeded: "done",
    requires_action: "authenticate",
    requires_confirmation: "authenticate",
    requires_payment_method: "collect_card",
    processing: "processing",
    canceled: "canceled",
  };
  for (const [status, kind] of Object.entries(expected)) {
    assert.equal(recoveryStep({ status: status as SetupIntentStatus }).kind, kind, status);
  }
});

test("a refused card carries Stripe's code (worded by the page), never its text", () => {
  assert.deepEqual(
    recoveryStep({
      status: "requires_payment_method",
      last_setup_error: { message: "Your card was declined.", code: "card_declined" },
    }),
    { kind: "collect_card", reason: "card_declined" },
  );
  assert.deepEqual(recoveryStep({ status: "requires_payment_method" }), { kind: "collect_card", reason: null });
});
