import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startEmulator } from "../server.js";

/** A receiver that answers after `delayMs`, recording arrival order and the most requests it held at once. */
async function slowReceiver(delayMs: number) {
  const ids: string[] = [];
  let open = 0;
  let maxOpen = 0;
  const server: Server = createServer((req, res) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      ids.push((JSON.parse(Buffer.concat(chunks).toString("utf8")) as Stripe.Event).id);
      setTimeout(() => {
        open--;
        res.end("ok");
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    ids,
    maxOpen: () => maxOpen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function emitCustomers(options: { webhookConcurrency?: number; webhookShuffle?: boolean }, count: number) {
  const emulator = await startEmulator({ port: 0, webhookRetryBaseMs: 50, ...options });
  const receiver = await slowReceiver(100);
  const sdk = new Stripe("sk_test_x", { host: "127.0.0.1", port: emulator.port, protocol: "http" });
  await sdk.webhookEndpoints.create({ url: receiver.url, enabled_events: ["customer.created"] });
  const created: string[] = [];
  for (let i = 0; i < count; i++) {
    await sdk.customers.create({ email: `c${i}@example.com` });
  }
  for (const event of (await sdk.events.list({ type: "customer.created", limit: 100 })).data) created.unshift(event.id);
  const deadline = Date.now() + 15_000;
  while (receiver.ids.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await receiver.close();
  await emulator.close();
  return { created, received: receiver.ids, maxOpen: receiver.maxOpen() };
}

test("webhooks are delivered concurrently to one endpoint, each once", async () => {
  const { created, received, maxOpen } = await emitCustomers({ webhookConcurrency: 4 }, 8);
  assert.deepEqual([...received].sort(), [...created].sort());
  assert.ok(maxOpen > 1, `requests in flight at once: ${maxOpen}`);
  assert.ok(maxOpen <= 4);
});

test("STRIPE_EMULATOR_WEBHOOK_SHUFFLE delivers out of order, each once", async () => {
  const inOrder = await emitCustomers({ webhookConcurrency: 1 }, 12);
  assert.deepEqual(inOrder.received, inOrder.created);
  const shuffled = await emitCustomers({ webhookConcurrency: 1, webhookShuffle: true }, 12);
  assert.deepEqual([...shuffled.received].sort(), [...shuffled.created].sort());
  assert.notDeepEqual(shuffled.received, shuffled.created);
});
