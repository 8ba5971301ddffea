import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import Database from "better-sqlite3";
import type Stripe from "stripe";
import { eventually, startHarness, uniqueEmail, type Harness } from "../support/harness";
import { clickWalletButton } from "../support/redirect-page";
import { startWalletSetup } from "../../lib/billing/start-wallet-setup";
import { databaseUrl, db, dbProvider } from "../../lib/db/client";
import { consentHistory, findConsentById } from "../../lib/db/consents";
import { claimWebhookEvents, releaseWebhookEvents } from "../../lib/db/webhook-inbox";
import { sqliteFile } from "../../lib/db/raw-driver";
import { listWebhookEventsByState } from "../../lib/db/webhook-events";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";
import { replayWebhookEvent } from "../../lib/webhooks/replay";
import { isHandledEventType } from "../../lib/webhooks/process-event";
import { drainInbox } from "../../lib/webhooks/worker";
import { needsEmulator } from "../support/target";

// The emulator sends nothing here: the test delivers its events over HTTP itself, and drives the workers.
let h: Harness;
before(async () => {
  h = await startHarness({ webhooks: false, worker: false });
});
after(async () => {
  await h.close();
});

function sign(payload: string, timestamp?: number): string {
  return h.sdk.webhooks.generateTestHeaderString({ payload, secret: process.env.STRIPE_WEBHOOK_SECRET!, timestamp });
}

async function deliver(body: string, headers: Record<string, string> = { "stripe-signature": sign(body) }) {
  const response = await fetch(h.webhookUrl, { method: "POST", body, headers });
  return { status: response.status, body: (await response.json()) as { result?: string; error?: string } };
}

/** A saved wallet authorized on the wallet's page, optionally detached afterwards: its events, as the emulator recorded them. */
async function walletScenario(detach: boolean) {
  const started = await startWalletSetup(
    {
      submissionId: randomUUID(),
      email: uniqueEmail("inbox"),
      wallet: "amazon_pay",
      locale: "en",
      termsVersion: CURRENT_TERMS_VERSION.save_wallet,
    },
    { ipAddress: "198.51.100.9", userAgent: "inbox-test" },
  );
  assert.ok(started.ok && "redirectUrl" in started.next);
  await clickWalletButton(started.next.redirectUrl, "Authorize test setup");
  const consent = (await findConsentById(started.consentId))!;
  const intent = await h.sdk.setupIntents.retrieve(consent.setupIntentId!);
  if (detach) await h.sdk.paymentMethods.detach(intent.payment_method as string);
  const events = (await h.sdk.events.list({ limit: 100 })).data.filter((event) => {
    const object = event.data.object as { id?: string; customer?: string | null };
    return (
      object.customer === consent.customer.stripeCustomerId ||
      object.id === intent.mandate ||
      object.id === intent.payment_method
    );
  });
  return { consentId: consent.id, detach, events: events.reverse() };
}

async function outcome(consentId: string) {
  const consent = (await findConsentById(consentId))!;
  return { status: consent.status, history: (await consentHistory(consentId)).map((row) => row.toStatus) };
}

/** Runs a worker of its own (another instance) until `done()` and the inbox has nothing due. */
async function instance(done: () => boolean) {
  for (;;) {
    const applied = await drainInbox();
    if (applied === 0 && done()) return;
    if (applied === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test("200 concurrent deliveries of 50 events, three workers: each event applied exactly once", async () => {
  const scenarios = [];
  while (scenarios.flatMap((s) => s.events).length < 50)
    scenarios.push(await walletScenario(scenarios.length % 2 === 0));
  const events = scenarios.flatMap((s) => s.events).slice(0, 50);
  const kept = new Set(events.map((event) => event.id));
  const deliveries = [...events, ...events, ...events, ...events].map((event) => JSON.stringify(event));

  let delivered = false;
  const sending = Promise.all(deliveries.map((body) => deliver(body))).finally(() => {
    delivered = true;
  });
  const [responses] = await Promise.all([sending, instance(() => delivered), instance(() => delivered)]);
  await instance(() => true);

  assert.equal(responses.length, 200);
  assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([200]));
  // Each id was stored by exactly one of its four deliveries.
  const stored = responses.filter((r) => r.body.result === "queued" || r.body.result === "unhandled").length;
  assert.equal(stored, 50);

  const rows = await db().webhookEvent.findMany({ where: { id: { in: [...kept] } } });
  assert.equal(rows.length, 50);
  for (const row of rows) {
    assert.ok(row.processedAt, `${row.id} processed`);
    // attempts counts claims: one claim means the handler ran once.
    assert.equal(row.attempts, isHandledEventType(row.type) ? 1 : 0, `${row.id} (${row.type}) attempts`);
    assert.equal(row.error, null);
  }
  for (const scenario of scenarios) {
    const ids = new Set(scenario.events.map((event) => event.id));
    if (![...ids].every((id) => kept.has(id))) continue;
    assert.deepEqual(await outcome(scenario.consentId), {
      status: scenario.detach ? "revoked" : "active",
      history: scenario.detach ? ["pending", "active", "revoked"] : ["pending", "active"],
    });
  }
});

test("shuffled delivery converges on the same state as delivery in order", async () => {
  const inOrder = [await walletScenario(true), await walletScenario(false)];
  const shuffled = [await walletScenario(true), await walletScenario(false)];
  for (const scenario of inOrder) for (const event of scenario.events) await deliver(JSON.stringify(event));
  await drainInbox();
  // Newest first, then interleaved: the reverse of what happened.
  const mixed = shuffled.flatMap((s) => s.events).reverse();
  await Promise.all(mixed.map((event) => deliver(JSON.stringify(event))));
  await drainInbox();
  for (let i = 0; i < inOrder.length; i++) {
    assert.deepEqual(await outcome(shuffled[i]!.consentId), await outcome(inOrder[i]!.consentId));
  }
  assert.deepEqual((await outcome(shuffled[0]!.consentId)).status, "revoked");
});

test("several claimers never take the same event (SKIP LOCKED on PostgreSQL, one writer on SQLite)", async () => {
  const ids: string[] = [];
  for (let i = 0; i < 40; i++) {
    const id = `evt_claim_${randomUUID().replaceAll("-", "")}`;
    ids.push(id);
    const event = { id, object: "event", type: "customer.updated", created: 1, data: { object: { id: `cus_${i}` } } };
    // customer.updated has no handler: store it as a handled type would be, by marking it unprocessed.
    await deliver(JSON.stringify(event));
    await db().webhookEvent.update({ where: { id }, data: { processedAt: null } });
  }
  const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => claimWebhookEvents(`claimer_${i}`, 10, 60_000)));
  const claimed = claims
    .flat()
    .map((event) => event.id)
    .filter((id) => ids.includes(id));
  assert.equal(new Set(claimed).size, claimed.length, "no event claimed twice");
  assert.equal(claimed.length, 40);
  await db().webhookEvent.updateMany({ where: { id: { in: ids } }, data: { processedAt: new Date() } });
});

test("a claim given back unattempted (past half the lease) is claimable again, its attempt not counted", async () => {
  const id = `evt_release_${randomUUID().replaceAll("-", "")}`;
  const event = { id, object: "event", type: "customer.updated", created: 1, data: { object: { id: "cus_release" } } };
  await deliver(JSON.stringify(event));
  await db().webhookEvent.update({ where: { id }, data: { processedAt: null } });
  const mine = <T extends { id: string }>(claims: T[]) => claims.filter((claim) => claim.id === id);

  assert.equal(mine(await claimWebhookEvents("worker_a", 500, 60_000)).length, 1);
  assert.equal(mine(await claimWebhookEvents("worker_b", 500, 60_000)).length, 0, "held by worker_a");
  await releaseWebhookEvents([id], "worker_b"); // not worker_b's to give back: nothing changes
  assert.equal((await db().webhookEvent.findUnique({ where: { id } }))!.claimedBy, "worker_a");

  await releaseWebhookEvents([id], "worker_a");
  const released = (await db().webhookEvent.findUnique({ where: { id } }))!;
  assert.equal(released.claimedAt, null);
  assert.equal(released.attempts, 0);
  const again = mine(await claimWebhookEvents("worker_b", 500, 60_000));
  assert.equal(again.length, 1);
  assert.equal(again[0]!.attempts, 1);
  await db().webhookEvent.update({ where: { id }, data: { processedAt: new Date() } });
});

test("refused with 4xx and nothing stored: oversized, future-dated, malformed, unsigned", async () => {
  const before = await db().webhookEvent.count();
  const good = (id: string) =>
    JSON.stringify({
      id,
      object: "event",
      type: "setup_intent.succeeded",
      created: 1,
      data: { object: { id: "seti_x" } },
    });

  const big = `{"id":"evt_big","type":"x","data":{"object":{}},"pad":"${"a".repeat(1024 * 1024)}"}`;
  assert.equal((await deliver(big)).status, 413);
  // Streamed without a Content-Length: refused while reading.
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("x".repeat(100_000)));
      controller.close();
    },
  });
  const streamed = await fetch(h.webhookUrl, {
    method: "POST",
    body: stream,
    headers: { "stripe-signature": sign("x") },
    duplex: "half",
  } as RequestInit);
  assert.equal(streamed.status, 413);

  const future = good(`evt_future_${Date.now()}`);
  assert.equal(
    (await deliver(future, { "stripe-signature": sign(future, Math.floor(Date.now() / 1000) + 3600) })).status,
    400,
  );
  const old = good(`evt_old_${Date.now()}`);
  assert.equal(
    (await deliver(old, { "stripe-signature": sign(old, Math.floor(Date.now() / 1000) - 3600) })).status,
    400,
  );
  assert.equal((await deliver(good(`evt_unsigned_${Date.now()}`), {})).status, 400);
  assert.equal(
    (
      await deliver(good(`evt_forged_${Date.now()}`), {
        "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=00`,
      })
    ).status,
    400,
  );
  for (const body of [
    "null",
    "[]",
    "not json",
    JSON.stringify({ type: "setup_intent.succeeded", data: { object: {} } }),
    JSON.stringify({ id: "evt_no_object", type: "setup_intent.succeeded", data: {} }),
    JSON.stringify({ id: "evt_no_type", data: { object: {} } }),
    JSON.stringify({ id: "cus_not_an_event", type: "x", data: { object: {} } }),
    good(`evt_${"a".repeat(100_000)}`),
  ]) {
    const response = await deliver(body);
    assert.equal(response.status, 400, body.slice(0, 60));
  }
  assert.equal(await db().webhookEvent.count(), before);
});

test("a failing event is retried with backoff, parked after its attempts, and a replay applies it", async (t) => {
  if (needsEmulator(t, "fault injection")) return;
  const scenario = await walletScenario(false);
  const succeeded = scenario.events.find((event) => event.type === "setup_intent.succeeded")!;
  const intentId = (succeeded.data.object as Stripe.SetupIntent).id;
  // Every read of the intent fails (the SDK retries twice: 3 requests per attempt, 2 attempts).
  await h.controls.injectFault({ method: "GET", path: `/v1/setup_intents/${intentId}`, kind: "500", times: 6 });
  await deliver(JSON.stringify(succeeded));

  const options = { maxAttempts: 2, baseBackoffMs: 20 };
  const parked = await eventually(async () => {
    await drainInbox(options);
    const row = await db().webhookEvent.findUnique({ where: { id: succeeded.id } });
    return row?.parkedAt ? row : null;
  }, 20_000);
  assert.equal(parked.attempts, 2);
  assert.equal(parked.processedAt, null);
  assert.ok(parked.error);
  assert.equal((await findConsentById(scenario.consentId))!.status, "pending");
  assert.ok((await listWebhookEventsByState("parked")).some((event) => event.id === succeeded.id));

  // Parked: no worker touches it any more.
  assert.equal(await drainInbox(options), 0);
  assert.deepEqual(await replayWebhookEvent(succeeded.id), { ok: true });
  await drainInbox(options);
  const replayed = (await db().webhookEvent.findUnique({ where: { id: succeeded.id } }))!;
  assert.ok(replayed.processedAt);
  assert.equal(replayed.parkedAt, null);
  assert.equal((await findConsentById(scenario.consentId))!.status, "active");
  assert.deepEqual(await replayWebhookEvent(succeeded.id), { ok: false, reason: "already_processed" });
  assert.deepEqual(await replayWebhookEvent("evt_missing"), { ok: false, reason: "not_found" });
});

test("the Next route (next start, next dev) stores and refuses as the production endpoint does", async () => {
  const { POST } = await import("../../app/api/webhooks/stripe/route");
  const id = `evt_route_${Date.now()}`;
  const body = JSON.stringify({
    id,
    object: "event",
    type: "customer.created",
    created: 1,
    data: { object: { id: "cus_x" } },
  });
  const post = (payload: string, headers: Record<string, string>) =>
    POST(new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", body: payload, headers }));

  const first = await post(body, { "stripe-signature": sign(body) });
  assert.equal(first.status, 200);
  assert.deepEqual(await first.json(), { received: true, result: "unhandled" });
  assert.equal(first.headers.get("content-security-policy"), "default-src 'none'; frame-ancestors 'none'");
  assert.deepEqual(await (await post(body, { "stripe-signature": sign(body) })).json(), {
    received: true,
    result: "duplicate",
  });
  assert.equal((await post(body, { "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=00` })).status, 400);
  const big = "x".repeat(1024 * 1024 + 1);
  assert.equal((await post(big, { "stripe-signature": sign(big) })).status, 413);
  assert.equal(await db().webhookEvent.count({ where: { id } }), 1);

  // The production endpoint's answer carries the app's security headers.
  const response = await fetch(h.webhookUrl, {
    method: "POST",
    body: "{}",
    headers: { "stripe-signature": sign("{}") },
  });
  assert.equal(response.status, 400);
  assert.equal(response.headers.get("content-security-policy"), "default-src 'none'; frame-ancestors 'none'");
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  assert.equal(response.headers.get("x-frame-options"), "DENY");
});

if (dbProvider(databaseUrl()) === "sqlite") {
  test("a second SQLite writer holding the lock makes webhooks wait, not fail", async () => {
    const scenario = await walletScenario(false);
    const other = new Database(sqliteFile(databaseUrl()));
    other.exec("BEGIN IMMEDIATE");
    other.prepare(`UPDATE "Customer" SET "locale" = "locale" WHERE 0`).run();
    setTimeout(() => {
      other.exec("COMMIT");
      other.close();
    }, 800);
    const responses = await Promise.all(scenario.events.map((event) => deliver(JSON.stringify(event))));
    assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([200]));
    await drainInbox();
    assert.deepEqual(await outcome(scenario.consentId), { status: "active", history: ["pending", "active"] });
  });
}
