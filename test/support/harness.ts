import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startEmulator } from "../../emulator/server";
import { EmulatorControls } from "./emulator-controls";
import { testTarget, type TestTarget } from "./target";

export interface Harness {
  sdk: Stripe;
  /** What Stripe.js holds in the customer's browser: the SDK with the publishable key only. */
  browserSdk: Stripe;
  /** The emulator's address; null when the tests target Stripe. */
  emulatorUrl: string | null;
  /** The emulator's own controls (faults, reset, delivery log); they refuse when the tests target Stripe. */
  controls: EmulatorControls;
  webhookUrl: string;
  webhookSecret: string | null;
  close(): Promise<void>;
}

/**
 * The app's server code wired to Stripe's API over HTTP: the local emulator by
 * default (env pointed at it and, unless `webhooks: false`, a real HTTP endpoint
 * that hands its signed deliveries to the app's webhook endpoint), or with
 * STRIPE_SECRET_KEY set, Stripe's test mode through the same configuration the
 * app uses with real keys (see ./target.ts). Either way the inbox worker applies
 * the stored events, unless `worker: false` (the test drains the inbox itself).
 */
export async function startHarness(options: { webhooks?: boolean; worker?: boolean } = {}): Promise<Harness> {
  const target = testTarget();
  // The endpoint the production server answers deliveries with (scripts/serve.ts), waking this process's worker.
  const receiver = await listen(
    async (req, res) => {
      const { handleWebhookDelivery } = await import("../../lib/webhooks/node-endpoint");
      const { kickInboxWorker } = await import("../../lib/webhooks/worker");
      await handleWebhookDelivery(req, res, kickInboxWorker);
    },
    // Against Stripe, forwarded deliveries reach only harnesses that take webhooks; the others deliver events themselves.
    target.kind === "stripe" && options.webhooks !== false ? (target.webhookPort ?? 0) : 0,
  );
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/stripe`;
  Object.assign(process.env, {
    BETTER_AUTH_SECRET: "integration-tests-auth-secret-0123456789abcdef",
    APP_URL: "http://localhost:3999",
  });
  // The suites reuse Stripe's test cards for many customers' trials; the per-card rule has its own test.
  process.env.TRIAL_ONCE_PER_CARD ??= "0";
  if (target.kind === "stripe") return stripeHarness(target, receiver, webhookUrl, options);

  const emulator = await startEmulator({ port: 0, webhookRetryBaseMs: 50 });
  const sdk = new Stripe("sk_test_harness", { host: "127.0.0.1", port: emulator.port, protocol: "http" });
  let webhookSecret: string | null = null;
  if (options.webhooks !== false) {
    webhookSecret = (await sdk.webhookEndpoints.create({ url: webhookUrl, enabled_events: ["*"] })).secret!;
  }
  Object.assign(process.env, {
    STRIPE_EMULATOR_URL: `http://127.0.0.1:${emulator.port}`,
    STRIPE_EMULATOR_PUBLIC_URL: emulator.url,
    STRIPE_WEBHOOK_SECRET: webhookSecret ?? "whsec_integration_tests_without_delivery",
  });
  delete process.env.STRIPE_SECRET_KEY;
  // Events an earlier test file's emulator sent that its worker had not applied: their objects went with that
  // emulator, so this file's worker would only retry and park them.
  const { db } = await import("../../lib/db/client");
  await db().webhookEvent.deleteMany({ where: { processedAt: null } });
  await startWorker(options);

  return {
    sdk,
    browserSdk: new Stripe("pk_test_harness", { host: "127.0.0.1", port: emulator.port, protocol: "http" }),
    emulatorUrl: emulator.url,
    controls: new EmulatorControls(emulator.url, target),
    webhookUrl,
    webhookSecret,
    async close() {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await emulator.close();
      await stopAndDisconnect();
    },
  };
}

/**
 * Stripe's test mode: no emulator is started and none of its endpoints is
 * called. Webhooks arrive only when forwarded to INTEGRATION_WEBHOOK_PORT
 * (`stripe listen`), signed with STRIPE_WEBHOOK_SECRET.
 */
async function stripeHarness(
  target: Extract<TestTarget, { kind: "stripe" }>,
  receiver: Server,
  webhookUrl: string,
  harnessOptions: { webhooks?: boolean; worker?: boolean },
): Promise<Harness> {
  const options: Stripe.StripeConfig = {};
  if (target.apiBase) {
    options.host = target.apiBase.hostname;
    options.port = target.apiBase.port || (target.apiBase.protocol === "https:" ? 443 : 80);
    options.protocol = target.apiBase.protocol === "https:" ? "https" : "http";
  }
  process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY ??= "pk_test_integration";
  process.env.STRIPE_WEBHOOK_SECRET ??= "whsec_integration_tests_without_delivery";
  await startWorker(harnessOptions);
  return {
    sdk: new Stripe(target.secretKey, options),
    browserSdk: new Stripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY, options),
    emulatorUrl: null,
    controls: new EmulatorControls("http://emulator.invalid", target),
    webhookUrl,
    webhookSecret:
      target.webhookPort === null || harnessOptions.webhooks === false ? null : process.env.STRIPE_WEBHOOK_SECRET,
    async close() {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await stopAndDisconnect();
    },
  };
}

/** As in the app: a worker applies the events the route stores (quick retries here). */
async function startWorker(options: { worker?: boolean }): Promise<void> {
  const { startInboxWorker } = await import("../../lib/webhooks/worker");
  if (options.worker !== false) startInboxWorker({ pollMs: 50, baseBackoffMs: 50 });
}

async function stopAndDisconnect(): Promise<void> {
  const { stopInboxWorker } = await import("../../lib/webhooks/worker");
  await stopInboxWorker();
  const { disconnectDb } = await import("../../lib/db/client");
  await disconnectDb();
  const { disconnectRawDriver } = await import("../../lib/db/raw-driver");
  await disconnectRawDriver();
}

function listen(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

/** Polls until `check` returns a truthy value (webhooks arrive in the background). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Waits until the webhook inbox has nothing left to apply (the worker runs in the background). */
export async function inboxSettled(timeoutMs = 10_000): Promise<void> {
  const { db } = await import("../../lib/db/client");
  await eventually(
    async () =>
      (await db().webhookEvent.count({
        where: { processedAt: null, parkedAt: null, error: null, payload: { not: null } },
      })) === 0,
    timeoutMs,
  );
}
