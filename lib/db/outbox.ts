import { randomUUID } from "node:crypto";
import { db, dbProvider } from "./client";
import type { OutboxEmail } from "./models";

const DUE_STATUSES = ["pending", "sending"];

/**
 * Claims up to `limit` due outbox rows for one sender. A claimed row is marked
 * `sending` with a fresh token and its `nextAttemptAt` pushed to the end of the
 * lease, so no other sender sees it as due until the lease runs out (a sender
 * that died mid-send). Two senders never claim the same row:
 * - PostgreSQL: the due rows are locked with FOR UPDATE SKIP LOCKED, so a
 *   concurrent sender skips them instead of waiting or double-claiming;
 * - SQLite (one writer at a time): each row is claimed by a conditional update
 *   that only matches while the row is still due.
 */
export async function claimDueEmails(limit: number, leaseMs: number, now = new Date()): Promise<OutboxEmail[]> {
  const claimToken = randomUUID();
  const claim = { status: "sending", claimToken, claimedAt: now, nextAttemptAt: new Date(now.getTime() + leaseMs) };

  if (dbProvider() === "postgres") {
    return db().$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "OutboxEmail"
        WHERE "status" IN ('pending', 'sending')
          AND "nextAttemptAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return [];
      await tx.outboxEmail.updateMany({ where: { id: { in: rows.map((row) => row.id) } }, data: claim });
      return tx.outboxEmail.findMany({ where: { claimToken }, orderBy: { createdAt: "asc" } });
    });
  }

  const candidates = await db().outboxEmail.findMany({
    where: { status: { in: DUE_STATUSES }, nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const claimed: OutboxEmail[] = [];
  for (const { id } of candidates) {
    const { count } = await db().outboxEmail.updateMany({
      where: { id, status: { in: DUE_STATUSES }, nextAttemptAt: { lte: now } },
      data: claim,
    });
    if (count === 1) claimed.push((await db().outboxEmail.findUniqueOrThrow({ where: { id } })) as OutboxEmail);
  }
  return claimed;
}

/** Records a delivery; only the sender holding the claim may (a taken-over claim changes nothing). */
export async function markEmailSent(row: OutboxEmail, messageId: string | null, now = new Date()): Promise<boolean> {
  const { count } = await db().outboxEmail.updateMany({
    where: { id: row.id, claimToken: row.claimToken },
    data: {
      status: "sent",
      sentAt: now,
      messageId,
      attempts: { increment: 1 },
      lastError: null,
      claimToken: null,
    },
  });
  return count === 1;
}

/** Records a failed attempt: back to pending until `nextAttemptAt`, or failed for good after the last attempt. */
export async function markEmailAttemptFailed(
  row: OutboxEmail,
  error: string,
  next: { retryAt: Date } | { giveUp: true },
): Promise<void> {
  await db().outboxEmail.updateMany({
    where: { id: row.id, claimToken: row.claimToken },
    data: {
      status: "giveUp" in next ? "failed" : "pending",
      attempts: { increment: 1 },
      lastError: error.slice(0, 1000),
      claimToken: null,
      ...("retryAt" in next ? { nextAttemptAt: next.retryAt } : {}),
    },
  });
}

/** The outbox rows for one address, newest first (status pages, tests). */
export function outboxEmailsTo(address: string) {
  return db().outboxEmail.findMany({ where: { toAddress: address }, orderBy: { createdAt: "desc" } });
}
