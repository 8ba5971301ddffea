import assert from "node:assert/strict";
import { test } from "node:test";
import type Stripe from "stripe";
import { canTransition, outcomeOfSetupIntent } from "./status";

function intent(fields: Partial<Stripe.SetupIntent>): Stripe.SetupIntent {
  return {
    id: "seti_1",
    status: "requires_action",
    payment_method: null,
    mandate: null,
    last_setup_error: null,
    cancellation_reason: null,
    ...fields,
  } as Stripe.SetupIntent;
}

test("each SetupIntent status maps to the consent status it proves", () => {
  assert.deepEqual(
    outcomeOfSetupIntent(intent({ status: "succeeded", payment_method: "pm_1", mandate: "mandate_1" })),
    {
      status: "active",
      reason: null,
      paymentMethodId: "pm_1",
      mandateId: "mandate_1",
    },
  );
  const failed = outcomeOfSetupIntent(
    intent({
      status: "requires_payment_method",
      last_setup_error: {
        message: "declined",
        code: "setup_intent_authentication_failure",
        type: "invalid_request_error",
      } as Stripe.SetupIntent.LastSetupError,
    }),
  );
  assert.equal(failed.status, "failed");
  assert.equal(failed.reason, "setup_intent_authentication_failure");
  assert.equal(outcomeOfSetupIntent(intent({ status: "requires_payment_method" })).status, "pending");
  assert.equal(
    outcomeOfSetupIntent(intent({ status: "canceled", cancellation_reason: "abandoned" })).reason,
    "canceled: abandoned",
  );
  for (const status of ["requires_action", "processing", "requires_confirmation"] as const) {
    assert.equal(outcomeOfSetupIntent(intent({ status })).status, "pending");
  }
});

test("evidence only moves forward", () => {
  assert.equal(canTransition("pending", "active"), true);
  assert.equal(canTransition("active", "revoked"), true);
  assert.equal(canTransition("revoked", "active"), false);
  assert.equal(canTransition("active", "failed"), false);
  assert.equal(canTransition("active", "pending"), false);
});

test("an expired Checkout consent is final; only a pending one can expire", () => {
  assert.equal(canTransition("pending", "expired"), true);
  for (const to of ["active", "failed", "revoked", "pending"] as const)
    assert.equal(canTransition("expired", to), false);
  for (const from of ["active", "failed", "revoked"] as const) assert.equal(canTransition(from, "expired"), false);
});
