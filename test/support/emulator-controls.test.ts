import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { EmulatorControls, EmulatorOnlyError } from "./emulator-controls";
import { testTarget } from "./target";

const stripeTarget = testTarget({ STRIPE_SECRET_KEY: "sk_test_drift", STRIPE_API_BASE: "http://127.0.0.1:9" });

test("configured for real Stripe, every emulator-only control is refused before anything is sent", async () => {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 1;
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const controls = new EmulatorControls(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, stripeTarget);
  try {
    const calls: Array<[string, () => Promise<unknown>]> = [
      ["reset", () => controls.reset()],
      ["fault injection", () => controls.injectFault({ method: "POST", path: "/v1/setup_intents", kind: "500" })],
      ["fault injection", () => controls.clearFaults()],
      ["delivery log", () => controls.deliveries()],
    ];
    for (const [control, call] of calls) {
      await assert.rejects(call, (error: unknown) => {
        assert.ok(error instanceof EmulatorOnlyError);
        assert.match(error.message, new RegExp(`^${control} is a control of the local Stripe emulator`));
        assert.match(error.message, /STRIPE_SECRET_KEY is set/);
        return true;
      });
    }
    assert.equal(requests, 0, "no request may reach the address when configured for Stripe");
  } finally {
    server.close();
  }
});

test("the target follows the key: none is the emulator, sk_test_ is Stripe, a live key is refused", () => {
  assert.deepEqual(testTarget({}), { kind: "emulator" });
  assert.equal(stripeTarget.kind, "stripe");
  assert.equal(stripeTarget.kind === "stripe" && stripeTarget.apiBase?.port, "9");
  assert.throws(() => testTarget({ STRIPE_SECRET_KEY: "sk_live_abc" }), /only run against Stripe's test mode/);
  assert.throws(
    () => testTarget({ STRIPE_SECRET_KEY: "sk_test_abc", INTEGRATION_WEBHOOK_PORT: "http" }),
    /INTEGRATION_WEBHOOK_PORT must be a TCP port/,
  );
});
