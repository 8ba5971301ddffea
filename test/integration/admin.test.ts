import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { startHarness, eventually, uniqueEmail, type Harness } from "../support/harness";
import { clickWalletButton } from "../support/redirect-page";
import { BROWSER } from "../support/flows";
import { startWalletSetup } from "../../lib/billing/start-wallet-setup";
import { completeWalletSetup } from "../../lib/billing/complete-wallet-setup";
import { chargeSavedWallet } from "../../lib/admin/charge";
import {
  forgetOverviewFigures,
  OVERVIEW_MAX_AGE_MS,
  overviewFigures,
  type OverviewFigures,
} from "../../lib/admin/overview-figures";
import { revokeMandateAsAdmin } from "../../lib/admin/revoke";
import { integrityOf } from "../../lib/admin/evidence";
import { mandatesCsvChunks, mandatesCsvExport } from "../../lib/admin/export-csv";
import { listAuditPage } from "../../lib/db/admin-audit";
import { findByStripeId } from "../../lib/db/admin-lookup";
import { countMandates, findMandateEvidence, listMandatesPage, type MandateCursor } from "../../lib/db/admin-mandates";
import { db } from "../../lib/db/client";
import { findConsentById, noteRevocationRequested } from "../../lib/db/consents";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";
import type { Wallet } from "../../lib/mandate/wallets";
import { replayWebhookEvent } from "../../lib/webhooks/replay";

const ADMIN = { userId: "admin-user-1", email: "ops@example.com", name: null };
let h: Harness;

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

/** A wallet saved for later (seed 000): consent, authorize on the wallet page, back to an active record. */
async function savedWallet(wallet: Wallet, email = uniqueEmail(`admin-${wallet}`)) {
  const started = await startWalletSetup(
    { submissionId: randomUUID(), email, wallet, locale: "en", termsVersion: CURRENT_TERMS_VERSION.save_wallet },
    BROWSER,
  );
  assert.ok(started.ok && "redirectUrl" in started.next, JSON.stringify(started));
  const location = await clickWalletButton(started.next.redirectUrl, "Authorize test setup");
  const view = await completeWalletSetup(
    {
      consentId: location.searchParams.get("consent")!,
      setupIntentId: location.searchParams.get("setup_intent")!,
      clientSecret: location.searchParams.get("setup_intent_client_secret")!,
    },
    started.customerId,
  );
  assert.ok(view.kind === "record" && view.status === "active", JSON.stringify(view));
  return (await findConsentById(started.consentId))!;
}

describe("admin queries", () => {
  test("keyset pages are newest first, disjoint, and filters and email prefix search apply", async () => {
    const prefix = `kp${Date.now().toString(36)}`;
    const consents = [];
    for (let i = 0; i < 3; i++) consents.push(await savedWallet("amazon_pay", `${prefix}-${i}@example.com`));
    const kakao = await savedWallet("kakao_pay", `${prefix}-k@example.com`);

    // Case-insensitive prefix (emails are stored lowercased).
    const first = await listMandatesPage({ email: prefix.toUpperCase() }, null, 2);
    assert.equal(first.rows.length, 2);
    assert.ok(first.next);
    const second = await listMandatesPage({ email: prefix }, first.next, 2);
    assert.equal(second.rows.length, 2);
    assert.equal(second.next, null);
    const all = [...first.rows, ...second.rows];
    assert.equal(new Set(all.map((r) => r.id)).size, 4);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      assert.ok(a.acceptedAt > b.acceptedAt || (a.acceptedAt.getTime() === b.acceptedAt.getTime() && a.id > b.id));
    }
    const onlyKakao = await listMandatesPage({ email: prefix, method: "kakao_pay" }, null);
    assert.deepEqual(
      onlyKakao.rows.map((r) => r.id),
      [kakao.id],
    );
    assert.equal(await countMandates({ email: prefix, status: "active", purpose: "save_wallet", locale: "en" }), 4);
    assert.equal(await countMandates({ email: prefix, status: "revoked" }), 0);
    assert.equal(await countMandates({ email: prefix, from: new Date(Date.now() + 86_400_000) }), 0);
    assert.equal((await listMandatesPage({ email: `${prefix}-9` }, null)).rows.length, 0);
  });

  test("a pasted Stripe id jumps to its record", async () => {
    const consent = await savedWallet("amazon_pay");
    assert.deepEqual(await findByStripeId(consent.setupIntentId!), { kind: "consent", id: consent.id });
    assert.deepEqual(await findByStripeId(consent.paymentMethodId!), { kind: "consent", id: consent.id });
    assert.deepEqual(await findByStripeId(consent.mandateId!), { kind: "consent", id: consent.id });
    assert.deepEqual(await findByStripeId(consent.customer.stripeCustomerId!), {
      kind: "customer",
      id: consent.customerId,
    });
    assert.equal(await findByStripeId("seti_doesnotexist"), null);
  });

  test("the evidence's SHA-256 is re-computed: intact, then altered after tampering", async () => {
    const consent = await savedWallet("kakao_pay");
    assert.equal(integrityOf((await findMandateEvidence(consent.id))!).intact, true);
    await db().mandateConsent.update({ where: { id: consent.id }, data: { termsText: `${consent.termsText} ` } });
    assert.equal(integrityOf((await findMandateEvidence(consent.id))!).intact, false);
  });

  test("the CSV export of a filter has its rows, quoted and formula-safe", async () => {
    const prefix = `csv${Date.now().toString(36)}`;
    const consent = await savedWallet("amazon_pay", `${prefix}@example.com`);
    await db().mandateConsent.update({ where: { id: consent.id }, data: { userAgent: '=HYPERLINK("x"),evil' } });
    let csv = "";
    for await (const chunk of mandatesCsvChunks({ email: prefix })) csv += chunk;
    const lines = csv.trimEnd().split("\r\n");
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^consent_id,accepted_at,customer_email/);
    assert.ok(lines[1]!.startsWith(`${consent.id},`));
    assert.ok(lines[1]!.includes(`"'=HYPERLINK(""x""),evil"`), lines[1]);
  });
});

describe("admin overview figures", () => {
  test("served from the last count until it is older than its age; then counted again behind the answer", async () => {
    forgetOverviewFigures();
    const first = await overviewFigures();
    const active = (figures: OverviewFigures) =>
      figures.overview.consentsByStatus.find((row) => row.key === "active")?.count ?? 0;
    await savedWallet("amazon_pay");
    // Within its age: the same count, with the time it was taken.
    const cached = await overviewFigures();
    assert.equal(cached.countedAt.getTime(), first.countedAt.getTime());
    assert.equal(active(cached), active(first));
    // Older than its age: the stale figures answer at once, a fresh count follows.
    const stale = await overviewFigures(first.countedAt.getTime() + OVERVIEW_MAX_AGE_MS);
    assert.equal(stale.countedAt.getTime(), first.countedAt.getTime());
    const fresh = await eventually(async () => {
      const figures = await overviewFigures();
      return figures.countedAt.getTime() > first.countedAt.getTime() ? figures : null;
    });
    assert.equal(active(fresh), active(first) + 1);
  });
});

describe("admin queries at the keyset's edges", () => {
  test("rows sharing one acceptedAt are paged by id, none skipped or repeated", async () => {
    const prefix = `tie${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await savedWallet("amazon_pay", `${prefix}-${i}@example.com`)).id);
    const same = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    await db().mandateConsent.updateMany({ where: { id: { in: ids } }, data: { acceptedAt: same } });
    const seen: string[] = [];
    let cursor: MandateCursor | null = null;
    do {
      const page: { rows: { id: string }[]; next: MandateCursor | null } = await listMandatesPage(
        { email: prefix },
        cursor,
        1,
      );
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.next;
    } while (cursor);
    assert.deepEqual(seen, [...ids].sort().reverse());
  });

  test("the export's count (in the file name) is the number of rows it streams, newest first", async () => {
    const prefix = `cnt${Date.now().toString(36)}`;
    const first = await savedWallet("kakao_pay", `${prefix}-a@example.com`);
    const second = await savedWallet("kakao_pay", `${prefix}-b@example.com`);
    await db().mandateConsent.update({ where: { id: first.id }, data: { acceptedAt: new Date(Date.UTC(2026, 0, 1)) } });
    // Unfiltered and filtered without an email (the SQLite export then reads the table in storage order and sorts).
    for (const filter of [{}, { method: "kakao_pay", status: "active" }, { email: prefix }]) {
      const { count, filename, stream } = await mandatesCsvExport(filter, new Date(Date.UTC(2026, 11, 1)));
      assert.equal(filename, `mandates-2026-12-01-${count}-rows.csv`);
      const lines = (await new Response(stream).text()).trimEnd().split("\r\n").slice(1);
      assert.equal(lines.length, count, JSON.stringify(filter));
      assert.equal(count, await countMandates(filter));
      const keys = lines.map((line) => line.split(",").slice(0, 2));
      for (let i = 1; i < keys.length; i++) {
        const [[aId, aAt], [bId, bAt]] = [keys[i - 1]!, keys[i]!];
        assert.ok(aAt! > bAt! || (aAt === bAt && aId! > bId!), `${keys[i - 1]} before ${keys[i]}`);
      }
      const ours = keys.map(([id]) => id);
      assert.ok(ours.indexOf(second.id) < ours.indexOf(first.id), "the older consent comes later");
    }
  });
});

describe("admin actions", () => {
  test("charging a saved wallet off-session succeeds once, however often the form is sent", async () => {
    const consent = await savedWallet("amazon_pay");
    const input = {
      actionId: randomUUID(),
      consentId: consent.id,
      amount: 1250,
      currency: "usd",
      description: "Extra pack",
    };
    const results = await Promise.all([chargeSavedWallet(ADMIN, input), chargeSavedWallet(ADMIN, input)]);
    const again = await chargeSavedWallet(ADMIN, input);
    for (const result of [...results, again]) assert.equal(result.kind, "succeeded", JSON.stringify(result));
    const payments = await db().adminPayment.findMany({ where: { consentId: consent.id } });
    assert.equal(payments.length, 1);
    assert.equal(payments[0]!.status, "succeeded");
    const intents = await h.sdk.paymentIntents.list({ customer: consent.customer.stripeCustomerId! });
    assert.equal(intents.data.length, 1);
    const intent = intents.data[0]!;
    assert.equal(intent.id, payments[0]!.paymentIntentId);
    assert.equal(intent.amount, 1250);
    assert.equal(intent.payment_method, consent.paymentMethodId);
    assert.deepEqual(await findByStripeId(intent.id), { kind: "consent", id: consent.id });
    const audit = await db().adminAuditLog.findMany({ where: { actionId: input.actionId } });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.outcome, "succeeded");
    assert.equal(audit[0]!.adminEmail, ADMIN.email);
  });

  test("a currency the wallet cannot pay, and a revoked mandate, are refused without charging", async () => {
    const consent = await savedWallet("kakao_pay");
    const wrong = await chargeSavedWallet(ADMIN, {
      actionId: randomUUID(),
      consentId: consent.id,
      amount: 1000,
      currency: "usd",
      description: "x",
    });
    assert.equal(wrong.kind, "refused");

    const revoked = await revokeMandateAsAdmin(ADMIN, {
      actionId: randomUUID(),
      consentId: consent.id,
      reason: "customer asked by phone",
    });
    assert.equal(revoked.kind, "revoked");
    const record = (await findMandateEvidence(consent.id))!;
    assert.equal(record.status, "revoked");
    assert.equal(record.history.at(-1)!.source, "admin");
    assert.match(record.history.at(-1)!.reason!, /customer asked by phone.*ops@example\.com/);
    const email = await db().outboxEmail.findUnique({ where: { dedupeKey: `mandate-revoked:${consent.id}` } });
    assert.equal(email?.kind, "mandate_revoked");
    assert.equal(email?.toAddress, consent.customer.email);

    const again = await revokeMandateAsAdmin(ADMIN, { actionId: randomUUID(), consentId: consent.id, reason: "again" });
    assert.equal(again.kind, "already_revoked");

    const charge = await chargeSavedWallet(ADMIN, {
      actionId: randomUUID(),
      consentId: consent.id,
      amount: 100000,
      currency: "krw",
      description: "after revoke",
    });
    assert.equal(charge.kind, "refused");
    const intents = await h.sdk.paymentIntents.list({ customer: consent.customer.stripeCustomerId! });
    assert.equal(intents.data.length, 0);
    const { rows } = await listAuditPage(null, 200);
    assert.ok(rows.some((r) => r.targetId === consent.id && r.action === "revoke" && r.outcome === "succeeded"));
  });

  test("the detach's webhook recording the revocation first still names the admin and emails the customer", async () => {
    const consent = await savedWallet("amazon_pay");
    // What revokeMandateAsAdmin does before its detach; the webhook then lands before the action records anything.
    await noteRevocationRequested(consent.id, {
      source: "admin",
      reason: "card stolen (revoked by ops@example.com)",
      notice: "card stolen",
    });
    await h.sdk.paymentMethods.detach(consent.paymentMethodId!);
    const record = await eventually(async () => {
      const found = await findMandateEvidence(consent.id);
      return found?.status === "revoked" && found;
    });
    const last = record.history.at(-1)!;
    assert.equal(last.source, "admin");
    assert.ok(last.stripeEventId?.startsWith("evt_"), "the webhook's event is linked to the change");
    assert.match(last.reason!, /card stolen.*ops@example\.com/);
    const email = await db().outboxEmail.findUnique({ where: { dedupeKey: `mandate-revoked:${consent.id}` } });
    assert.equal(email?.toAddress, consent.customer.email);
    const again = await revokeMandateAsAdmin(ADMIN, { actionId: randomUUID(), consentId: consent.id, reason: "x" });
    assert.equal(again.kind, "already_revoked");
  });

  test("a mandate ended at Stripe but not yet in our record is refused (live status checked)", async () => {
    const consent = await savedWallet("amazon_pay");
    await h.sdk.paymentMethods.detach(consent.paymentMethodId!);
    const mandate = await h.sdk.mandates.retrieve(consent.mandateId!);
    assert.notEqual(mandate.status, "active");
    // Whether or not the webhook has landed yet, nothing is charged.
    const result = await chargeSavedWallet(ADMIN, {
      actionId: randomUUID(),
      consentId: consent.id,
      amount: 500,
      currency: "usd",
      description: "late",
    });
    assert.equal(result.kind, "refused");
    assert.equal((await h.sdk.paymentIntents.list({ customer: consent.customer.stripeCustomerId! })).data.length, 0);
  });

  test("a failed webhook event is replayed through the same handler", async () => {
    const consent = await savedWallet("amazon_pay");
    // The detach's webhook is processed by the route; make our inbox say it failed, as if the handler had thrown.
    await h.sdk.paymentMethods.detach(consent.paymentMethodId!);
    const event = await eventually(() =>
      db().webhookEvent.findFirst({
        where: { type: "payment_method.detached", objectId: consent.paymentMethodId!, processedAt: { not: null } },
      }),
    );
    await db().webhookEvent.update({
      where: { id: event.id },
      data: { processedAt: null, error: "database was down", parkedAt: new Date() },
    });
    // Undo the effect so the replay has something to do.
    await db().mandateConsent.update({ where: { id: consent.id }, data: { status: "active" } });

    assert.deepEqual(await replayWebhookEvent(event.id), { ok: true });
    const stored = await eventually(async () => {
      const row = await db().webhookEvent.findUnique({ where: { id: event.id } });
      return row?.processedAt ? row : null;
    });
    assert.equal(stored.error, null);
    assert.equal((await findConsentById(consent.id))!.status, "revoked");
    assert.deepEqual(await replayWebhookEvent(event.id), { ok: false, reason: "already_processed" });
    assert.deepEqual(await replayWebhookEvent("evt_unknown"), { ok: false, reason: "not_found" });
  });
});
