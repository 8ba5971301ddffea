/**
 * One row as last committed, read through the raw driver connection
 * (raw-driver.ts). The SQLite driver adapter runs every Prisma query on one
 * connection, so a plain Prisma read made while another caller's interactive
 * transaction is open sees that transaction's uncommitted rows; a shortcut
 * taken on such a read ("nothing to do") would be wrong if it rolled back.
 * The raw connection is a connection of its own (WAL: it reads the last
 * commit); on PostgreSQL it is a pool, as Prisma's.
 */
import type Database from "better-sqlite3";
import { rawDriver } from "./raw-driver";

/** The tables and unique columns read this way (names go into the SQL: a closed list). */
const LOOKUPS = {
  MandateConsent: "id",
  SubscriptionPayment: "stripeInvoiceId",
} as const;

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function sqliteLookup(sqlite: Database.Database, table: keyof typeof LOOKUPS): Database.Statement {
  let statements = prepared.get(sqlite);
  if (!statements) prepared.set(sqlite, (statements = new Map()));
  let statement = statements.get(table);
  if (!statement) {
    statement = sqlite.prepare(`SELECT * FROM "${table}" WHERE "${LOOKUPS[table]}" = ?`);
    statements.set(table, statement);
  }
  return statement;
}

export async function committedRow(table: keyof typeof LOOKUPS, key: string): Promise<Record<string, unknown> | null> {
  const column = LOOKUPS[table];
  const driver = rawDriver();
  if (driver.kind === "sqlite") {
    const row = sqliteLookup(driver.sqlite, table).get(key);
    return (row as Record<string, unknown> | undefined) ?? null;
  }
  const result = await driver.pool.query({
    name: `committed-${table}`,
    text: `SELECT * FROM "${table}" WHERE "${column}" = $1`,
    values: [key],
  });
  return result.rows[0] ?? null;
}

/**
 * Whether a stored column holds `value`, whichever driver read it: dates are
 * ISO text in SQLite and Date objects from pg, booleans 0/1 in SQLite. Any
 * doubt reads as different (the caller then writes, which is always safe).
 */
export function storedEquals(stored: unknown, value: unknown): boolean {
  if (value instanceof Date) {
    if (stored instanceof Date) return stored.getTime() === value.getTime();
    return typeof stored === "string" && Date.parse(stored) === value.getTime();
  }
  if (typeof value === "boolean") return stored === value || stored === (value ? 1 : 0);
  if (value === null) return stored === null;
  return stored === value;
}
