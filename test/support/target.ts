import type { TestContext } from "node:test";

/**
 * Where the integration tests point. No STRIPE_SECRET_KEY: the local emulator,
 * started per test file. With a key: Stripe's test mode (or, with
 * STRIPE_API_BASE, any address that speaks Stripe's API), driven through the
 * same configuration the app uses with real keys: the drift check.
 */
export type TestTarget =
  { kind: "emulator" } | { kind: "stripe"; secretKey: string; apiBase: URL | null; webhookPort: number | null };

export function testTarget(source: Record<string, string | undefined> = process.env): TestTarget {
  const secretKey = source.STRIPE_SECRET_KEY;
  if (!secretKey) return { kind: "emulator" };
  if (!/^sk_test_\w+$/.test(secretKey)) {
    throw new Error("The integration tests only run against Stripe's test mode: STRIPE_SECRET_KEY must be sk_test_…");
  }
  const port = source.INTEGRATION_WEBHOOK_PORT ? Number(source.INTEGRATION_WEBHOOK_PORT) : null;
  if (port !== null && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error("INTEGRATION_WEBHOOK_PORT must be a TCP port number");
  }
  return {
    kind: "stripe",
    secretKey,
    apiBase: source.STRIPE_API_BASE ? new URL(source.STRIPE_API_BASE) : null,
    webhookPort: port,
  };
}

/**
 * Skips the running test when the suite targets Stripe and the test needs one
 * of the emulator's own controls (fault injection, reset, its 3D Secure
 * page…). Returns true when skipped: `if (needsEmulator(t, "fault injection")) return;`.
 * The spec reporter lists every skip with its reason.
 */
export function needsEmulator(t: TestContext, what: string, target = testTarget()): boolean {
  if (target.kind === "emulator") return false;
  t.skip(`needs the emulator's ${what}; skipped against Stripe`);
  return true;
}

/** Skips the running test when webhooks cannot reach this machine (Stripe without `stripe listen`). */
export function needsWebhooks(t: TestContext, target = testTarget()): boolean {
  if (target.kind === "emulator" || target.webhookPort !== null) return false;
  t.skip(
    "needs webhook delivery: run `stripe listen --forward-to localhost:<port>/api/webhooks/stripe` and set INTEGRATION_WEBHOOK_PORT",
  );
  return true;
}
