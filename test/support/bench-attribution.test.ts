/**
 * bench:checkout's attribution of Stripe calls to the step that made them
 * (scripts/bench/stripe-attribution.ts), with the real SDK over HTTP against a
 * server that holds every answer a while: calls made outside a step, inside it,
 * in parallel, in a nested step, and left running after the step returned.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import Stripe from "stripe";
import { attributeStripeCalls, busyTime, measureStep, stripeCalls } from "../../scripts/bench/stripe-attribution";

const HOLD_MS = 60;
const server = createServer((req, res) => {
  req.resume();
  setTimeout(() => {
    res.writeHead(200, { "content-type": "application/json", "request-id": "req_test" });
    res.end(JSON.stringify({ id: "cus_test", object: "customer" }));
  }, HOLD_MS);
});
let sdk: Stripe;
/** Elapsed time of each call the step below makes (cus_a, cus_b, cus_c). */
const stepCallsElapsed: number[] = [];

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  sdk = new Stripe("sk_test_attribution", { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0 });
  attributeStripeCalls(sdk);
  sdk.on("response", (event: { elapsed: number; path: string }) => {
    if (/cus_[abc]$/.test(event.path)) stepCallsElapsed.push(event.elapsed);
  });
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("busyTime is the union of the intervals inside the window", () => {
  assert.equal(
    busyTime(
      [
        [0, 10],
        [5, 15],
        [20, 30],
      ],
      0,
      100,
    ),
    25,
  );
  assert.equal(
    busyTime(
      [
        [-10, 10],
        [90, 120],
      ],
      0,
      100,
    ),
    20,
  );
  assert.equal(busyTime([], 0, 100), 0);
});

test("a step is charged its own calls only: not a concurrent background's, parallel calls once, late calls never", async () => {
  const start = { ...stripeCalls };
  // A background loop outside any step (as the inbox worker is), running while the step runs.
  const background = (async () => {
    for (let i = 0; i < 4; i++) await sdk.customers.retrieve("cus_background");
  })();
  let inner: Awaited<ReturnType<typeof measureStep>>["sample"] | undefined;
  let late: Promise<unknown> | undefined;
  const { sample } = await measureStep(async () => {
    await Promise.all([sdk.customers.retrieve("cus_a"), sdk.customers.retrieve("cus_b")]);
    inner = (await measureStep(() => sdk.customers.retrieve("cus_c"))).sample;
    late = sdk.customers.retrieve("cus_late");
  });
  await background;
  await late;

  assert.equal(sample.calls, 3, "the two parallel calls and the nested step's call");
  assert.equal(inner?.calls, 1);
  assert.equal(stripeCalls.inSteps - start.inSteps, 3);
  assert.equal(stripeCalls.outsideSteps - start.outsideSteps, 4, "the background's calls belong to no step");
  assert.equal(stripeCalls.afterStepEnded - start.afterStepEnded, 1, "the call left running is not charged");
  assert.ok(sample.stripe <= sample.wall && sample.ours >= 0);
  assert.equal(sample.ours, sample.wall - sample.stripe);
  assert.ok(inner!.stripe <= sample.stripe, "the nested step's time is part of the outer one's");
  // Each call is held HOLD_MS: the parallel pair, then the nested call, at least twice that; the pair overlapped, so less than the sum.
  const sum = stepCallsElapsed.reduce((a, b) => a + b, 0);
  assert.equal(stepCallsElapsed.length, 3);
  assert.ok(sample.stripe >= 2 * HOLD_MS - 5, `${sample.stripe} ms`);
  assert.ok(sample.stripe < sum, `${sample.stripe} ms of Stripe time, ${sum} ms summed`);
});
