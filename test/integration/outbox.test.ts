import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { subscribeWithConsent } from "../../lib/billing/subscribe";
import { db } from "../../lib/db/client";
import { claimDueEmails } from "../../lib/db/outbox";
import { outboxIdle } from "../../lib/mail/kick";
import { queueEmail } from "../../lib/mail/outbox";
import { sendPendingEmails } from "../../lib/mail/send-outbox";
import type { MailCatcher } from "../../scripts/lib/mail-catcher";
import { authorizedSubscriptionConsent } from "../support/flows";
import { eventually, startHarness, uniqueEmail, type Harness } from "../support/harness";
import { caughtEmails, freePort, startTestMailCatcher } from "../support/mail";

let h: Harness;
let catcher: MailCatcher;
before(async () => {
  h = await startHarness();
  catcher = await startTestMailCatcher();
  process.env.SMTP_URL = catcher.smtpUrl;
  process.env.MAIL_RETRY_BASE_MS = "100";
});
after(async () => {
  await outboxIdle();
  await catcher.stop();
  await h.close();
});
beforeEach(async () => {
  // Earlier tests' rows are sent or due: start each test from an empty outbox and inbox.
  await outboxIdle();
  await db().outboxEmail.deleteMany({});
  await fetch(`${catcher.inboxUrl}/email/all`, { method: "DELETE" });
});

const signInCode = (to: string, code: string) =>
  ({ to, locale: "en", kind: "sign_in_code", dedupeKey: `test:${to}:${code}`, data: { code } }) as const;

describe("queueing", () => {
  test("a message exists only if the caller's transaction commits", async () => {
    const to = uniqueEmail("tx");
    await assert.rejects(
      db().$transaction(async (tx) => {
        await queueEmail(tx, signInCode(to, "111111"));
        throw new Error("the change it announces failed");
      }),
      /the change it announces failed/,
    );
    assert.equal(await db().outboxEmail.count({ where: { toAddress: to } }), 0);

    await db().$transaction((tx) => queueEmail(tx, signInCode(to, "222222")));
    const rows = await db().outboxEmail.findMany({ where: { toAddress: to } });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, "pending");
  });

  test("the same dedupe key is queued once, even inside a transaction that goes on", async () => {
    const to = uniqueEmail("dedupe");
    await db().$transaction(async (tx) => {
      await queueEmail(tx, signInCode(to, "333333"));
      await queueEmail(tx, signInCode(to, "333333"));
      // The transaction is still usable after the duplicate (no aborted PostgreSQL transaction).
      await tx.outboxEmail.count();
    });
    await queueEmail(db(), signInCode(to, "333333"));
    await Promise.all([1, 2, 3].map(() => queueEmail(db(), signInCode(to, "333333"))));
    assert.equal(await db().outboxEmail.count({ where: { toAddress: to } }), 1);
  });
});

describe("sending", () => {
  test("concurrent senders never claim or send one row twice", async () => {
    const recipients = Array.from({ length: 24 }, (_, i) => uniqueEmail(`race${i}`));
    for (const to of recipients) await queueEmail(db(), signInCode(to, "444444"));

    const claims = await Promise.all([1, 2, 3, 4].map(() => claimDueEmails(10, 60_000)));
    const claimed = claims.flat().map((row) => row.id);
    assert.equal(new Set(claimed).size, claimed.length, "a row was claimed by two senders");
    // Claimed rows are no longer due for anyone else.
    assert.equal((await claimDueEmails(100, 60_000)).length, 24 - claimed.length);
    await db().outboxEmail.updateMany({ data: { status: "pending", nextAttemptAt: new Date(), claimToken: null } });

    const results = await Promise.all([1, 2, 3, 4].map(() => sendPendingEmails()));
    assert.equal(
      results.reduce((sum, r) => sum + r.sent, 0),
      24,
    );
    const inbox = await eventually(async () => {
      const emails = await caughtEmails(catcher);
      return emails.length >= 24 ? emails : null;
    }, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await caughtEmails(catcher)).length, 24);
    const addresses = inbox.map((email) => email.to[0]!.address).sort();
    assert.deepEqual(addresses, [...recipients].sort());
    const rows = await db().outboxEmail.findMany();
    assert.ok(rows.every((row) => row.status === "sent" && row.attempts === 1 && row.sentAt));
  });

  test("an SMTP server that is down delays the message; it is retried and sent once it is back", async () => {
    const to = uniqueEmail("outage");
    const smtpPort = await freePort();
    const webPort = await freePort();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`; // nothing listens there yet

    await queueEmail(db(), signInCode(to, "555555"));
    const first = await sendPendingEmails();
    assert.deepEqual(first, { sent: 0, retrying: 1, failed: 0 });
    let row = await db().outboxEmail.findFirstOrThrow({ where: { toAddress: to } });
    assert.equal(row.status, "pending");
    assert.equal(row.attempts, 1);
    assert.match(row.lastError ?? "", /ECONNREFUSED|connect/i);
    assert.ok(row.nextAttemptAt.getTime() > Date.now() - 50, "the retry is scheduled after a backoff");

    const back = await startTestMailCatcher({ smtpPort, webPort });
    try {
      const sent = await eventually(async () => {
        const result = await sendPendingEmails();
        return result.sent === 1 ? result : null;
      }, 10_000);
      assert.equal(sent.sent, 1);
      row = await db().outboxEmail.findFirstOrThrow({ where: { toAddress: to } });
      assert.equal(row.status, "sent");
      assert.equal(row.attempts, 2);
      assert.equal(row.lastError, null);
      const emails = await eventually(async () => {
        const caught = await caughtEmails(back);
        return caught.length ? caught : null;
      });
      assert.equal(emails.length, 1);
      assert.match(emails[0]!.subject, /555555/);
      assert.equal((await sendPendingEmails()).sent, 0, "nothing is sent twice");
    } finally {
      await back.stop();
      process.env.SMTP_URL = catcher.smtpUrl;
    }
  });

  test("a message that keeps failing is marked failed after the last attempt, with its error", async () => {
    const to = uniqueEmail("give-up");
    process.env.SMTP_URL = `smtp://127.0.0.1:${await freePort()}`;
    try {
      await queueEmail(db(), signInCode(to, "666666"));
      await db().outboxEmail.updateMany({ where: { toAddress: to }, data: { attempts: 9 } });
      assert.deepEqual(await sendPendingEmails(), { sent: 0, retrying: 0, failed: 1 });
      const row = await db().outboxEmail.findFirstOrThrow({ where: { toAddress: to } });
      assert.equal(row.status, "failed");
      assert.equal(row.attempts, 10);
      assert.ok(row.lastError);
    } finally {
      process.env.SMTP_URL = catcher.smtpUrl;
    }
  });
});

describe("notices from the payment flows", () => {
  test("a subscribe with the mail server down succeeds; its mandate confirmation and receipt go out later, once each", async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${await freePort()}`;
    let consentId: string;
    let customerId: string;
    try {
      ({ consentId, customerId } = await authorizedSubscriptionConsent(h.sdk, "amazon_pay", { locale: "ko" }));
      const outcome = await subscribeWithConsent(consentId);
      assert.ok(outcome.kind === "subscription" && outcome.payment.kind === "paid", JSON.stringify(outcome));
      await outboxIdle();
    } finally {
      process.env.SMTP_URL = catcher.smtpUrl;
    }
    const customer = await db().customer.findUniqueOrThrow({ where: { id: customerId } });
    const rows = await db().outboxEmail.findMany({ where: { toAddress: customer.email }, orderBy: { kind: "asc" } });
    assert.deepEqual(
      rows.map((row) => row.kind),
      ["mandate_confirmation", "receipt"],
    );
    assert.ok(rows.every((row) => row.status === "pending" && row.attempts >= 1 && row.lastError));

    // Replays: the same invoice recorded again and the same transition again queue nothing new.
    const subscription = await db().subscription.findFirstOrThrow({ where: { consentId } });
    const { syncInvoice } = await import("../../lib/billing/sync-subscription");
    const where = { stripeInvoiceId: subscription.latestInvoiceId! };
    const stored = await db().subscriptionPayment.findUniqueOrThrow({ where });
    await syncInvoice(subscription.id, subscription.latestInvoiceId!);
    assert.equal(await db().outboxEmail.count({ where: { toAddress: customer.email } }), 2);
    const unchanged = await db().subscriptionPayment.findUniqueOrThrow({ where });
    assert.equal(
      unchanged.updatedAt.getTime(),
      stored.updatedAt.getTime(),
      "an unchanged invoice is not written again",
    );
    // A stored copy that differs from Stripe's is written back, still with one receipt.
    await db().subscriptionPayment.update({ where, data: { status: "open", paidAt: null } });
    await syncInvoice(subscription.id, subscription.latestInvoiceId!);
    const rewritten = await db().subscriptionPayment.findUniqueOrThrow({ where });
    assert.equal(rewritten.status, "paid");
    assert.equal(rewritten.paidAt?.getTime(), stored.paidAt?.getTime());
    assert.equal(await db().outboxEmail.count({ where: { toAddress: customer.email } }), 2);

    // Due now (a background kick may already be sending some: leave claimed rows alone).
    await db().outboxEmail.updateMany({ where: { status: "pending" }, data: { nextAttemptAt: new Date() } });
    await sendPendingEmails();
    const emails = await eventually(async () => {
      const caught = await caughtEmails(catcher);
      return caught.length >= 2 ? caught : null;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await caughtEmails(catcher)).length, 2, "each message arrives once");
    const receipt = emails.find((email) => email.subject.includes("영수증"))!;
    assert.ok(receipt, emails.map((e) => e.subject).join(" | "));
    assert.match(receipt.text, /\$15\.00|US\$15\.00/);
    const confirmation = emails.find((email) => email.subject.includes("결제 승인"))!;
    assert.ok(
      confirmation.text.includes(
        (await db().mandateConsent.findUniqueOrThrow({ where: { id: consentId } })).termsText.split("\n")[0]!,
      ),
    );
  });
});
