import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startEmulator } from "../../emulator/server";

export interface Harness {
  sdk: Stripe;
  emulatorUrl: string;
  webhookUrl: string;
  webhookSecret: string | null;
  close(): Promise<void>;
}

/**
 * The app's server code wired to a real emulator over HTTP: env pointed at it,
 * and (unless `webhooks: false`) a real HTTP endpoint that hands the emulator's
 * signed deliveries to the app's webhook route handler.
 */
export async function startHarness(options: { webhooks?: boolean } = {}): Promise<Harness> {
  const emulator = await startEmulator({ port: 0, webhookRetryBaseMs: 50 });
  const receiver = await listen(async (req) => {
    const { POST } = await import("../../app/api/webhooks/stripe/route");
    return POST(await toRequest(req));
  });
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/stripe`;
  const sdk = new Stripe("sk_test_harness", { host: "127.0.0.1", port: emulator.port, protocol: "http" });

  let webhookSecret: string | null = null;
  if (options.webhooks !== false) {
    webhookSecret = (await sdk.webhookEndpoints.create({ url: webhookUrl, enabled_events: ["*"] })).secret!;
  }
  Object.assign(process.env, {
    STRIPE_EMULATOR_URL: `http://127.0.0.1:${emulator.port}`,
    STRIPE_EMULATOR_PUBLIC_URL: emulator.url,
    STRIPE_WEBHOOK_SECRET: webhookSecret ?? "whsec_integration_tests_without_delivery",
    BETTER_AUTH_SECRET: "integration-tests-auth-secret-0123456789abcdef",
    APP_URL: "http://localhost:3999",
  });
  delete process.env.STRIPE_SECRET_KEY;

  return {
    sdk,
    emulatorUrl: emulator.url,
    webhookUrl,
    webhookSecret,
    async close() {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await emulator.close();
      const { disconnectDb } = await import("../../lib/db/client");
      await disconnectDb();
    },
  };
}

function listen(handle: (req: IncomingMessage) => Promise<Response>): Promise<Server> {
  const server = createServer((req, res) => {
    handle(req)
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(await response.text());
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  return new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
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
