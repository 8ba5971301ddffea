/**
 * A raw connection for the few hot statements the webhook inbox runs (one
 * insert per delivery, one claim per batch): prepared SQL through the same
 * drivers Prisma uses (better-sqlite3, pg), without Prisma's per-query work.
 * Everything else goes through `db()`.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl, dbProvider } from "./client";

export type RawDriver =
  { kind: "sqlite"; url: string; sqlite: Database.Database } | { kind: "postgres"; url: string; pool: pg.Pool };

/** How long a SQLite write waits for another writer (another process, a script, a transaction) before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Runs a SQLite statement, waiting (asynchronously) while the file is locked by
 * another writer. better-sqlite3's own busy timeout would block the event loop,
 * and with it a Prisma transaction in this very process that holds the lock.
 */
export async function withSqliteBusyRetry<T>(run: () => T): Promise<T> {
  const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (let delay = 1; ; delay = Math.min(delay * 2, 8)) {
    try {
      return run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== "string" || !code.startsWith("SQLITE_BUSY") || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export function sqliteFile(url: string): string {
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return raw === ":memory:" ? raw : path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw);
}

function open(url: string): RawDriver {
  if (dbProvider(url) === "postgres") {
    return { kind: "postgres", url, pool: new pg.Pool({ connectionString: url, max: 10 }) };
  }
  const file = sqliteFile(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file, { timeout: 0 });
  // WAL lets readers run beside the one writer; it is a property of the file, so Prisma's connection gets it too.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  return { kind: "sqlite", url, sqlite };
}

const globalForRaw = globalThis as typeof globalThis & { __rawDriver?: RawDriver };

export function rawDriver(): RawDriver {
  const url = databaseUrl();
  const cached = globalForRaw.__rawDriver;
  if (cached && cached.url === url) return cached;
  if (cached) void closeDriver(cached);
  const driver = open(url);
  globalForRaw.__rawDriver = driver;
  return driver;
}

async function closeDriver(driver: RawDriver): Promise<void> {
  if (driver.kind === "sqlite") driver.sqlite.close();
  else await driver.pool.end();
}

/** Closes the raw connection (tests, scripts). */
export async function disconnectRawDriver(): Promise<void> {
  const cached = globalForRaw.__rawDriver;
  globalForRaw.__rawDriver = undefined;
  if (cached) await closeDriver(cached);
}
