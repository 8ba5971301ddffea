// The database layer on whatever DATABASE_URL names (SQLite or PostgreSQL; the
// integration runner migrates it first): models, relations, ordering, and the
// unique-id guarantee the webhook de-duplication relies on.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, test } from "node:test";
import { db, dbProvider, disconnectDb } from "../../lib/db/client";

after(() => disconnectDb());

const provider = dbProvider();

test(`db layer round trip (${provider})`, async () => {
  const tag = randomUUID().slice(0, 8);
  const customer = await db().customer.create({
    data: { email: `db-test-${tag}@example.com`, locale: "ko" },
  });
  assert.match(customer.id, /^c[a-z0-9]{20,}$/); // cuid()
  assert.equal(customer.locale, "ko");
  assert.equal(customer.stripeCustomerId, null);
  assert.ok(customer.createdAt instanceof Date);

  const acceptedAt = new Date("2026-01-02T03:04:05.678Z");
  const consent = await db().mandateConsent.create({
    data: {
      submissionId: `sub_${tag}`,
      customerId: customer.id,
      paymentMethodType: "kakao_pay",
      termsVersion: "2026-01",
      termsLocale: "ko",
      termsText: "약관 본문 — terms text",
      termsSha256: "0".repeat(64),
      acceptedAt,
      ipAddress: "127.0.0.1",
      userAgent: "db.test",
      status: "pending",
    },
  });
  assert.equal(consent.purpose, "save_wallet"); // default
  assert.equal(consent.acceptedAt.toISOString(), acceptedAt.toISOString());

  // Two transitions, inserted newest first to prove ordering comes from occurredAt.
  const t0 = new Date("2026-01-02T03:04:06.000Z");
  const t1 = new Date("2026-01-02T03:04:07.000Z");
  await db().consentStatusChange.create({
    data: {
      consentId: consent.id,
      fromStatus: "pending",
      toStatus: "active",
      source: "webhook",
      stripeEventId: `evt_${tag}`,
      occurredAt: t1,
    },
  });
  await db().consentStatusChange.create({
    data: { consentId: consent.id, fromStatus: null, toStatus: "pending", source: "checkout", occurredAt: t0 },
  });
  await db().mandateConsent.update({
    where: { id: consent.id },
    data: { status: "active", mandateId: `mandate_${tag}` },
  });

  const history = await db().consentStatusChange.findMany({
    where: { consentId: consent.id },
    orderBy: { occurredAt: "asc" },
  });
  assert.deepEqual(
    history.map((h) => [h.fromStatus, h.toStatus, h.source]),
    [
      [null, "pending", "checkout"],
      ["pending", "active", "webhook"],
    ],
  );
  assert.equal(history[1]?.occurredAt.toISOString(), t1.toISOString());

  const loaded = await db().customer.findUnique({
    where: { email: customer.email },
    include: { consents: { include: { history: { orderBy: { occurredAt: "asc" } } } } },
  });
  assert.equal(loaded?.consents.length, 1);
  assert.equal(loaded?.consents[0]?.status, "active");
  assert.equal(loaded?.consents[0]?.history.length, 2);

  // A transaction that fails leaves nothing behind.
  await assert.rejects(
    db().$transaction(async (tx) => {
      await tx.consentStatusChange.create({
        data: { consentId: consent.id, fromStatus: "active", toStatus: "revoked", source: "test" },
      });
      throw new Error("rollback");
    }),
    /rollback/,
  );
  assert.equal(await db().consentStatusChange.count({ where: { consentId: consent.id } }), 2);
});

test(`duplicate webhook event id is rejected with P2002 (${provider})`, async () => {
  const id = `evt_${randomUUID().replaceAll("-", "")}`;
  await db().webhookEvent.create({ data: { id, type: "setup_intent.succeeded", objectId: "seti_1" } });
  await assert.rejects(
    db().webhookEvent.create({ data: { id, type: "setup_intent.succeeded", objectId: "seti_1" } }),
    (error: unknown) => {
      assert.equal((error as { code?: unknown }).code, "P2002");
      return true;
    },
  );
  const stored = await db().webhookEvent.findUnique({ where: { id } });
  assert.equal(stored?.processedAt, null);
  assert.ok(stored?.receivedAt instanceof Date);
});

test(`duplicate submission id converges on one consent (${provider})`, async () => {
  const tag = randomUUID().slice(0, 8);
  const customer = await db().customer.create({ data: { email: `db-dup-${tag}@example.com` } });
  const data = {
    submissionId: `sub_dup_${tag}`,
    customerId: customer.id,
    paymentMethodType: "amazon_pay",
    termsVersion: "2026-01",
    termsLocale: "en",
    termsText: "terms",
    termsSha256: "f".repeat(64),
    acceptedAt: new Date(),
    ipAddress: "127.0.0.1",
    userAgent: "db.test",
    status: "pending",
  };
  await db().mandateConsent.create({ data });
  await assert.rejects(
    db().mandateConsent.create({ data }),
    (error: unknown) => (error as { code?: unknown }).code === "P2002",
  );
  assert.equal(await db().mandateConsent.count({ where: { submissionId: data.submissionId } }), 1);
});
