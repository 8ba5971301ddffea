import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import Stripe from "stripe";
import { inboxSettled, startHarness, uniqueEmail, type Harness } from "../support/harness";
import { clickWalletButton } from "../support/redirect-page";
import { startWalletSetup } from "../../lib/billing/start-wallet-setup";
import { consentHistory, findConsentById } from "../../lib/db/consents";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";
import { POST } from "../../app/api/webhooks/stripe/route";

// No webhook endpoint is registered: this file delivers the emulator's events itself, in the order it chooses.
let h: Harness;
before(async () => {
  h = await startHarness({ webhooks: false });
});
after(async () => {
  await h.close();
});

async function deliver(event: Stripe.Event, secret = process.env.STRIPE_WEBHOOK_SECRET!): Promise<Response> {
  const payload = JSON.stringify(event);
  const signature = h.sdk.webhooks.generateTestHeaderString({ payload, secret });
  return POST(
    new Request("http://app/api/webhooks/stripe", {
      method: "POST",
      body: payload,
      headers: { "stripe-signature": signature },
    }),
  );
}

test("events delivered newest-first and twice each converge on the same record as in order", async () => {
  const started = await startWalletSetup(
    {
      submissionId: randomUUID(),
      email: uniqueEmail("order"),
      wallet: "kakao_pay",
      locale: "en",
      termsVersion: CURRENT_TERMS_VERSION.save_wallet,
    },
    { ipAddress: "198.51.100.4", userAgent: "order-test" },
  );
  assert.ok(started.ok && "redirectUrl" in started.next);
  await clickWalletButton(started.next.redirectUrl, "Authorize test setup");
  const consent = (await findConsentById(started.consentId))!;
  const intent = await h.sdk.setupIntents.retrieve(consent.setupIntentId!);
  await h.sdk.paymentMethods.detach(intent.payment_method as string);

  const events = (await h.sdk.events.list({ limit: 100 })).data.filter((event) => {
    const object = event.data.object as { id?: string; customer?: string | null };
    return (
      object.customer === consent.customer.stripeCustomerId ||
      object.id === intent.mandate ||
      object.id === intent.payment_method
    );
  });
  const types = events.map((event) => event.type);
  for (const expected of ["setup_intent.succeeded", "payment_method.detached", "mandate.updated"]) {
    assert.ok(types.includes(expected as Stripe.Event.Type), `emulator sent ${expected}`);
  }

  // Newest first is the reverse of what happened: detach before success.
  const results: string[] = [];
  for (const event of [...events, ...events]) {
    const response = await deliver(event);
    assert.equal(response.status, 200);
    results.push(((await response.json()) as { result: string }).result);
  }
  assert.equal(
    results.slice(events.length).every((result) => result === "duplicate"),
    true,
  );
  await inboxSettled();

  const final = (await findConsentById(consent.id))!;
  assert.equal(final.status, "revoked");
  assert.deepEqual(
    (await consentHistory(consent.id)).map((row) => row.toStatus),
    ["pending", "active", "revoked"],
  );
});

test("a bad signature is refused with 400 and records nothing", async () => {
  const event = (await h.sdk.events.list({ limit: 1 })).data[0]!;
  const forged = { ...event, id: `evt_forged_${Date.now()}` };
  const response = await deliver(forged as Stripe.Event, "whsec_not_the_right_secret");
  assert.equal(response.status, 400);
  const missing = await POST(new Request("http://app/api/webhooks/stripe", { method: "POST", body: "{}" }));
  assert.equal(missing.status, 400);
  const { db } = await import("../../lib/db/client");
  assert.equal(await db().webhookEvent.findUnique({ where: { id: forged.id } }), null);
});

test("an event type the app does not handle is acknowledged, not dropped silently", async () => {
  const customer = await h.sdk.customers.create({ email: uniqueEmail("unhandled") });
  const created = (await h.sdk.events.list({ type: "customer.created", limit: 10 })).data.find(
    (event) => (event.data.object as Stripe.Customer).id === customer.id,
  )!;
  const response = await deliver(created);
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as { result: string }).result, "unhandled");
  const { db } = await import("../../lib/db/client");
  const row = await db().webhookEvent.findUnique({ where: { id: created.id } });
  assert.ok(row?.processedAt);
});
