/** Reads the webhook inbox's counts straight from the database (no Prisma): how much is stored, processed, parked or still waiting. */
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");

/** Counts of the inbox rows whose id starts with `prefix`. */
export type InboxStats = { stored: number; processed: number; parked: number; pending: number; twice: number };

export interface InboxReader {
  stats(prefix: string): Promise<InboxStats>;
  close(): Promise<void>;
}

export function inboxReader(databaseUrl: string): InboxReader {
  const sql = `SELECT COUNT(*) AS stored,
      SUM(CASE WHEN "processedAt" IS NOT NULL THEN 1 ELSE 0 END) AS processed,
      SUM(CASE WHEN "parkedAt" IS NOT NULL THEN 1 ELSE 0 END) AS parked,
      SUM(CASE WHEN "processedAt" IS NULL AND "parkedAt" IS NULL THEN 1 ELSE 0 END) AS pending,
      SUM(CASE WHEN "attempts" > 1 THEN 1 ELSE 0 END) AS twice
    FROM "WebhookEvent" WHERE "id" LIKE `;
  const toStats = (row: Record<string, unknown>): InboxStats => ({
    stored: Number(row.stored ?? 0),
    processed: Number(row.processed ?? 0),
    parked: Number(row.parked ?? 0),
    pending: Number(row.pending ?? 0),
    twice: Number(row.twice ?? 0),
  });
  if (databaseUrl.startsWith("file:")) {
    const sqlite = new Database(path.resolve(root, databaseUrl.slice("file:".length)), { readonly: true });
    const statement = sqlite.prepare(`${sql} ?`);
    return {
      stats: async (prefix) => toStats(statement.get(`${prefix}%`) as Record<string, unknown>),
      close: async () => void sqlite.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  return {
    stats: async (prefix) => toStats((await pool.query(`${sql} $1`, [`${prefix}%`])).rows[0]),
    close: () => pool.end(),
  };
}
