/**
 * The webhook inbox's write path, in raw SQL (see raw-driver.ts): store an
 * event once (webhook-inbox-insert.ts groups these), claim a batch for a
 * worker, finish or fail a claimed event.
 * The same statements serve several app instances on one PostgreSQL (claims
 * use FOR UPDATE SKIP LOCKED) and one SQLite file (a single writer at a time).
 * Times are written as UTC ISO text (SQLite, as Prisma stores them) or cast to
 * PostgreSQL's timestamp (UTC, as Prisma stores them).
 */
import type Database from "better-sqlite3";
import { rawDriver, withSqliteBusyRetry } from "./raw-driver";

export interface InboxInsert {
  id: string;
  type: string;
  objectId: string | null;
  payload: string;
  eventCreated: number | null;
  /** Stored already processed (an event type no handler needs): no worker touches it. */
  processed: boolean;
}

export interface ClaimedEvent {
  id: string;
  type: string;
  objectId: string | null;
  payload: string;
  attempts: number;
}

const COLUMNS = `"id", "type", "objectId", "payload", "eventCreated", "receivedAt", "processedAt", "attempts"`;

const SQLITE = {
  insert: `INSERT INTO "WebhookEvent" (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT ("id") DO NOTHING`,
  // One statement: SQLite has one writer at a time, so the select and the update cannot interleave with another claim.
  claim: `UPDATE "WebhookEvent" SET "claimedAt" = @now, "claimedBy" = @worker, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT e."id" FROM "WebhookEvent" e
      WHERE e."processedAt" IS NULL AND e."parkedAt" IS NULL AND e."payload" IS NOT NULL
        AND (e."nextAttemptAt" IS NULL OR e."nextAttemptAt" <= @now)
        AND (e."claimedAt" IS NULL OR e."claimedAt" < @leaseCutoff)
        AND (e."objectId" IS NULL OR NOT EXISTS (
          SELECT 1 FROM "WebhookEvent" o WHERE o."objectId" = e."objectId" AND o."id" <> e."id"
            AND o."processedAt" IS NULL AND o."claimedAt" >= @leaseCutoff))
      ORDER BY e."eventCreated", e."receivedAt" LIMIT @limit)
    RETURNING "id", "type", "objectId", "payload", "attempts"`,
  // The ids of a run as a JSON array: one statement (one short hold of the write lock) for the whole run.
  complete: `UPDATE "WebhookEvent" SET "processedAt" = ?, "claimedAt" = NULL, "error" = NULL
    WHERE "id" IN (SELECT value FROM json_each(?)) AND "claimedBy" = ?`,
  fail: `UPDATE "WebhookEvent" SET "claimedAt" = NULL, "error" = ?, "nextAttemptAt" = ?, "parkedAt" = ?
    WHERE "id" = ? AND "claimedBy" = ?`,
  release: `UPDATE "WebhookEvent" SET "claimedAt" = NULL, "attempts" = "attempts" - 1
    WHERE "id" IN (SELECT value FROM json_each(?)) AND "claimedBy" = ? AND "processedAt" IS NULL`,
  requeue: `UPDATE "WebhookEvent" SET "parkedAt" = NULL, "nextAttemptAt" = NULL, "claimedAt" = NULL, "attempts" = 0
    WHERE "id" = ? AND "processedAt" IS NULL AND ("parkedAt" IS NOT NULL OR "error" IS NOT NULL)`,
};

const POSTGRES = {
  // SKIP LOCKED: concurrent claimers (other instances) each take different rows instead of waiting or doubling up.
  claim: `UPDATE "WebhookEvent" SET "claimedAt" = $1::timestamp, "claimedBy" = $2, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT e."id" FROM "WebhookEvent" e
      WHERE e."processedAt" IS NULL AND e."parkedAt" IS NULL AND e."payload" IS NOT NULL
        AND (e."nextAttemptAt" IS NULL OR e."nextAttemptAt" <= $1::timestamp)
        AND (e."claimedAt" IS NULL OR e."claimedAt" < $3::timestamp)
        AND (e."objectId" IS NULL OR NOT EXISTS (
          SELECT 1 FROM "WebhookEvent" o WHERE o."objectId" = e."objectId" AND o."id" <> e."id"
            AND o."processedAt" IS NULL AND o."claimedAt" >= $3::timestamp))
      ORDER BY e."eventCreated", e."receivedAt" LIMIT $4
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "type", "objectId", "payload", "attempts"`,
  complete: `UPDATE "WebhookEvent" SET "processedAt" = $1::timestamp, "claimedAt" = NULL, "error" = NULL
    WHERE "id" = ANY($2::text[]) AND "claimedBy" = $3`,
  fail: `UPDATE "WebhookEvent" SET "claimedAt" = NULL, "error" = $1, "nextAttemptAt" = $2::timestamp, "parkedAt" = $3::timestamp
    WHERE "id" = $4 AND "claimedBy" = $5`,
  release: `UPDATE "WebhookEvent" SET "claimedAt" = NULL, "attempts" = "attempts" - 1
    WHERE "id" = ANY($1::text[]) AND "claimedBy" = $2 AND "processedAt" IS NULL`,
  requeue: `UPDATE "WebhookEvent" SET "parkedAt" = NULL, "nextAttemptAt" = NULL, "claimedAt" = NULL, "attempts" = 0
    WHERE "id" = $1 AND "processedAt" IS NULL AND ("parkedAt" IS NOT NULL OR "error" IS NOT NULL)`,
};

type SqliteStatements = { [K in keyof typeof SQLITE]: Database.Statement };
const prepared = new WeakMap<Database.Database, SqliteStatements>();

function sqliteStatements(sqlite: Database.Database): SqliteStatements {
  let statements = prepared.get(sqlite);
  if (!statements) {
    statements = {
      insert: sqlite.prepare(SQLITE.insert),
      claim: sqlite.prepare(SQLITE.claim),
      complete: sqlite.prepare(SQLITE.complete),
      fail: sqlite.prepare(SQLITE.fail),
      release: sqlite.prepare(SQLITE.release),
      requeue: sqlite.prepare(SQLITE.requeue),
    };
    prepared.set(sqlite, statements);
  }
  return statements;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The row values of an insert, in COLUMNS order (attempts is 0). */
export function insertValues(event: InboxInsert, now: Date): (string | number | null)[] {
  return [
    event.id,
    event.type,
    event.objectId,
    event.payload,
    event.eventCreated,
    iso(now),
    event.processed ? iso(now) : null,
  ];
}

/** The SQLite insert (one row; a repeated id is a no-op). */
export function sqliteInsert(sqlite: Database.Database): Database.Statement {
  return sqliteStatements(sqlite).insert;
}

/** The PostgreSQL insert of `rows` events in one statement; RETURNING names the ids actually stored. */
export function postgresInsert(rows: number): string {
  const tuples = Array.from({ length: rows }, (_, r) => {
    const p = (i: number) => `$${r * 7 + i}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::timestamp, ${p(7)}::timestamp, 0)`;
  });
  return `INSERT INTO "WebhookEvent" (${COLUMNS}) VALUES ${tuples.join(", ")} ON CONFLICT ("id") DO NOTHING RETURNING "id"`;
}

/**
 * Claims up to `limit` events that are due, oldest first, for `worker`. A claim
 * older than `leaseMs` (a worker that died) is taken over; an object with an
 * event in a live claim is left alone so its events apply one at a time.
 */
export async function claimWebhookEvents(worker: string, limit: number, leaseMs: number): Promise<ClaimedEvent[]> {
  const now = new Date();
  const leaseCutoff = new Date(now.getTime() - leaseMs);
  const driver = rawDriver();
  if (driver.kind === "sqlite") {
    const { claim } = sqliteStatements(driver.sqlite);
    const params = { now: iso(now), worker, leaseCutoff: iso(leaseCutoff), limit };
    return (await withSqliteBusyRetry(() => claim.all(params))) as ClaimedEvent[];
  }
  const result = await driver.pool.query<ClaimedEvent>({
    name: "inbox-claim",
    text: POSTGRES.claim,
    values: [iso(now), worker, iso(leaseCutoff), limit],
  });
  return result.rows;
}

/** Marks claimed events applied (those `worker` still holds), in one statement. */
export async function completeWebhookEvents(ids: string[], worker: string): Promise<void> {
  const driver = rawDriver();
  const now = iso(new Date());
  if (driver.kind === "sqlite") {
    const { complete } = sqliteStatements(driver.sqlite);
    await withSqliteBusyRetry(() => complete.run(now, JSON.stringify(ids), worker));
  } else await driver.pool.query({ name: "inbox-complete", text: POSTGRES.complete, values: [now, ids, worker] });
}

/** Releases a failed claim: retried at `retryAt`, or parked (no more automatic attempts) when `retryAt` is null. */
export async function failWebhookEvent(id: string, worker: string, error: string, retryAt: Date | null): Promise<void> {
  const driver = rawDriver();
  const message = error.slice(0, 1000);
  const parkedAt = retryAt ? null : iso(new Date());
  const values = [message, iso(retryAt), parkedAt, id, worker];
  if (driver.kind === "sqlite") {
    const { fail } = sqliteStatements(driver.sqlite);
    await withSqliteBusyRetry(() => fail.run(...values));
  } else await driver.pool.query({ name: "inbox-fail", text: POSTGRES.fail, values });
}

/** Gives claimed events back unattempted (their attempt is not counted): any worker may claim them again. */
export async function releaseWebhookEvents(ids: string[], worker: string): Promise<void> {
  const driver = rawDriver();
  if (driver.kind === "sqlite") {
    const { release } = sqliteStatements(driver.sqlite);
    await withSqliteBusyRetry(() => release.run(JSON.stringify(ids), worker));
  } else await driver.pool.query({ name: "inbox-release", text: POSTGRES.release, values: [ids, worker] });
}

/** Puts a parked or failing event back in the queue with fresh attempts. False when there is nothing to requeue. */
export async function requeueWebhookEvent(id: string): Promise<boolean> {
  const driver = rawDriver();
  if (driver.kind === "sqlite") {
    const { requeue } = sqliteStatements(driver.sqlite);
    return (await withSqliteBusyRetry(() => requeue.run(id))).changes === 1;
  }
  const result = await driver.pool.query({ name: "inbox-requeue", text: POSTGRES.requeue, values: [id] });
  return result.rowCount === 1;
}
