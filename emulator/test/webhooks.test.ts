import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import type Stripe from "stripe";
import {
  api,
  clickButton,
  createWalletSetup,
  eventually,
  harnessForFile,
  startReceiver,
  stripeError,
} from "./helpers.js";

const h = harnessForFile();
beforeEach(async () => {
  await fetch(`${h.base}/_emulator/reset`, { method: "POST" });
});

interface DeliveryLog {
  deliveries: {
    event_id: string;
    event_type: string;
    endpoint_id: string;
    attempts: number;
    last_status: number | null;
    status: string;
  }[];
}

async function deliveries(): Promise<DeliveryLog["deliveries"]> {
  return ((await (await fetch(`${h.base}/_emulator/deliveries`)).json()) as DeliveryLog).deliveries;
}

describe("webhook endpoints", () => {
  test("the signing secret is returned on create only; list, retrieve and delete work", async () => {
    const we = await h.stripe.webhookEndpoints.create({
      url: "http://127.0.0.1:9/hook",
      enabled_events: ["*"],
      description: "local app",
    });
    assert.match(we.id, /^we_/);
    assert.match(we.secret ?? "", /^whsec_/);
    assert.equal(we.status, "enabled");
    const got = await h.stripe.webhookEndpoints.retrieve(we.id);
    assert.equal(got.secret, undefined);
    assert.equal(got.description, "local app");
    assert.deepEqual(
      (await h.stripe.webhookEndpoints.list()).data.map((e) => e.id),
      [we.id],
    );
    const deleted = await h.stripe.webhookEndpoints.del(we.id);
    assert.equal(deleted.deleted, true);
    const missing = await stripeError(h.stripe.webhookEndpoints.retrieve(we.id));
    assert.equal(missing.code, "resource_missing");
  });

  test("reset clears webhook endpoints too", async () => {
    await h.stripe.webhookEndpoints.create({ url: "http://127.0.0.1:9/hook", enabled_events: ["*"] });
    await fetch(`${h.base}/_emulator/reset`, { method: "POST" });
    assert.equal((await h.stripe.webhookEndpoints.list()).data.length, 0);
  });
});

describe("webhook delivery", () => {
  test("events are POSTed signed; stripe.webhooks.constructEvent verifies them", async () => {
    const receiver = await startReceiver();
    try {
      const we = await h.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ["customer.created"] });
      const customer = await h.stripe.customers.create({ email: "hook@example.com" });
      await h.stripe.products.create({ name: "not subscribed" });
      await receiver.waitFor(1);
      const { headers, body } = receiver.received[0];
      assert.equal(headers["content-type"], "application/json; charset=utf-8");
      assert.equal(headers["user-agent"], "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
      assert.match(String(headers["stripe-signature"]), /^t=\d+,v1=[0-9a-f]{64}$/);
      const event = h.stripe.webhooks.constructEvent(body, String(headers["stripe-signature"]), we.secret!);
      assert.equal(event.type, "customer.created");
      assert.equal((event.data.object as Stripe.Customer).id, customer.id);
      assert.equal(event.pending_webhooks, 1);
      assert.throws(() => h.stripe.webhooks.constructEvent(body, String(headers["stripe-signature"]), "whsec_wrong"));
      // Only the subscribed type was sent.
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(receiver.received.length, 1);
      const stored = await h.stripe.events.retrieve(event.id);
      assert.equal(stored.pending_webhooks, 0);
    } finally {
      await receiver.close();
    }
  });

  test("a receiver that answers 500 once gets the same event again, then it is marked delivered", async () => {
    const receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
    try {
      const we = await h.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ["*"] });
      await h.stripe.customers.create({ email: "retry@example.com" });
      await receiver.waitFor(2);
      assert.equal(receiver.received[0].body, receiver.received[1].body);
      const event = h.stripe.webhooks.constructEvent(
        receiver.received[1].body,
        String(receiver.received[1].headers["stripe-signature"]),
        we.secret!,
      );
      assert.equal(event.type, "customer.created");
      const log = await eventually(async () => {
        const d = (await deliveries()).find((x) => x.event_id === event.id);
        return d?.status === "succeeded" ? d : undefined;
      });
      assert.equal(log.attempts, 2);
      assert.equal(log.last_status, 200);
      assert.equal(log.endpoint_id, we.id);
    } finally {
      await receiver.close();
    }
  });

  test("events reach one endpoint each exactly once", async () => {
    const receiver = await startReceiver();
    try {
      await h.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ["*"] });
      const { setupIntent } = await createWalletSetup(h.stripe, "kakao_pay");
      await clickButton(setupIntent.next_action!.redirect_to_url!.url!, "Authorize test setup");
      await receiver.waitFor(5);
      // Delivered in parallel (as Stripe does), so arrival order is not promised.
      const events = receiver.received.map((r) => JSON.parse(r.body) as Stripe.Event);
      assert.deepEqual(events.map((event) => event.type).sort(), [
        "customer.created",
        "payment_method.attached",
        "setup_intent.created",
        "setup_intent.requires_action",
        "setup_intent.succeeded",
      ]);
      assert.equal(new Set(events.map((event) => event.id)).size, 5);
      const succeeded = events.find((event) => event.type === "setup_intent.succeeded")!;
      assert.deepEqual(succeeded.request, { id: null, idempotency_key: null });
    } finally {
      await receiver.close();
    }
  });

  test("an unreachable endpoint is retried with backoff and given up after 8 attempts", async () => {
    await h.stripe.webhookEndpoints.create({
      url: "http://127.0.0.1:9/unreachable",
      enabled_events: ["product.created"],
    });
    await h.stripe.products.create({ name: "nobody listens" });
    const log = await eventually(async () => {
      const d = (await deliveries())[0];
      return d?.status === "failed" ? d : undefined;
    }, 20_000);
    assert.equal(log.attempts, 8);
    assert.equal(log.last_status, null);
  });

  test("events list filters by type and types[]", async () => {
    await h.stripe.customers.create({});
    await h.stripe.products.create({ name: "P" });
    const res = await api(h.base, "GET", "/v1/events?types[]=customer.created&types[]=product.created");
    assert.deepEqual(
      res.json.data.map((e: Stripe.Event) => e.type),
      ["product.created", "customer.created"],
    );
    const wildcard = await h.stripe.events.list({ type: "customer.*" });
    assert.deepEqual(
      wildcard.data.map((e) => e.type),
      ["customer.created"],
    );
  });
});
