/**
 * Bulk writers for the benchmark dataset: raw SQL, batched, one transaction per
 * batch. SQLite through better-sqlite3 prepared statements; PostgreSQL through
 * one `INSERT … SELECT FROM unnest($1::text[], …)` per table and batch.
 */
import Database from "better-sqlite3";
import pg from "pg";
import type { Batch } from "./dataset";

type Column = readonly [name: string, pgType: string];
type Table = { name: string; key: keyof Batch; columns: readonly Column[]; now?: readonly string[] };

const TABLES: readonly Table[] = [
  {
    name: "Customer",
    key: "customers",
    columns: [
      ["id", "text"],
      ["email", "text"],
      ["stripeCustomerId", "text"],
      ["locale", "text"],
      ["createdAt", "timestamp(3)"],
    ],
    now: ["updatedAt"],
  },
  {
    name: "MandateConsent",
    key: "consents",
    columns: [
      ["id", "text"],
      ["submissionId", "text"],
      ["customerId", "text"],
      ["paymentMethodType", "text"],
      ["purpose", "text"],
      ["termsVersion", "text"],
      ["termsLocale", "text"],
      ["termsText", "text"],
      ["termsSha256", "text"],
      ["acceptedAt", "timestamp(3)"],
      ["ipAddress", "text"],
      ["userAgent", "text"],
      ["status", "text"],
      ["statusReason", "text"],
      ["setupIntentId", "text"],
      ["paymentMethodId", "text"],
      ["mandateId", "text"],
      ["priceId", "text"],
      ["createdAt", "timestamp(3)"],
    ],
    now: ["updatedAt"],
  },
  {
    name: "ConsentStatusChange",
    key: "history",
    columns: [
      ["id", "text"],
      ["consentId", "text"],
      ["fromStatus", "text"],
      ["toStatus", "text"],
      ["reason", "text"],
      ["source", "text"],
      ["occurredAt", "timestamp(3)"],
    ],
  },
  {
    name: "Subscription",
    key: "subscriptions",
    columns: [
      ["id", "text"],
      ["stripeSubscriptionId", "text"],
      ["customerId", "text"],
      ["consentId", "text"],
      ["status", "text"],
      ["priceId", "text"],
      ["currency", "text"],
      ["unitAmount", "int"],
      ["createdAt", "timestamp(3)"],
    ],
    now: ["updatedAt"],
  },
  {
    name: "SubscriptionPayment",
    key: "payments",
    columns: [
      ["id", "text"],
      ["subscriptionId", "text"],
      ["stripeInvoiceId", "text"],
      ["paymentIntentId", "text"],
      ["billingReason", "text"],
      ["amountDue", "int"],
      ["amountPaid", "int"],
      ["currency", "text"],
      ["status", "text"],
      ["invoiceCreated", "timestamp(3)"],
      ["paidAt", "timestamp(3)"],
      ["createdAt", "timestamp(3)"],
    ],
    now: ["updatedAt"],
  },
];

/** Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset; range queries compare that text. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

export function sqliteWriter(file: string) {
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = OFF");
  database.pragma("cache_size = -200000");
  // Bulk load: drop the secondary indexes, insert, then build them once (much faster than per-row upkeep).
  const indexes = database
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`)
    .all() as { sql: string }[];
  for (const { sql } of indexes) database.exec(`DROP INDEX ${sql.match(/INDEX\s+("[^"]+")/)![1]}`);
  const stamp = sqliteValue(new Date());
  const statements = TABLES.map((table) => {
    const names = [...table.columns.map(([name]) => name), ...(table.now ?? [])];
    const sql = `INSERT INTO "${table.name}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`;
    return { table, statement: database.prepare(sql) };
  });
  const write = database.transaction((batch: Batch) => {
    for (const { table, statement } of statements) {
      for (const row of batch[table.key] as unknown as Record<string, unknown>[]) {
        statement.run(...table.columns.map(([name]) => sqliteValue(row[name])), ...(table.now ?? []).map(() => stamp));
      }
    }
  });
  return {
    async write(batch: Batch) {
      write(batch);
    },
    async finish() {
      for (const { sql } of indexes) database.exec(sql);
      database.exec("ANALYZE");
      database.pragma("wal_checkpoint(TRUNCATE)");
      database.close();
    },
  };
}

/** Timestamps are stored without a zone, in UTC (as Prisma does): send them as UTC text. */
function postgresValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 23);
  return value ?? null;
}

export function postgresWriter(url: string) {
  const client = new pg.Client({ connectionString: url });
  let indexes: { indexdef: string; indexname: string }[] = [];
  // Bulk load: drop the secondary (non-unique) indexes, insert, then build them once.
  const connected = client.connect().then(async () => {
    const { rows } = await client.query<{ indexdef: string; indexname: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
    );
    indexes = rows;
    for (const { indexname } of indexes) await client.query(`DROP INDEX "${indexname}"`);
  });
  return {
    async write(batch: Batch) {
      await connected;
      await client.query("BEGIN");
      for (const table of TABLES) {
        const rows = batch[table.key] as unknown as Record<string, unknown>[];
        if (rows.length === 0) continue;
        const names = table.columns.map(([name]) => `"${name}"`);
        const arrays = table.columns.map(([name]) => rows.map((row) => postgresValue(row[name])));
        const unnest = table.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
        const extra = table.now ?? [];
        await client.query(
          `INSERT INTO "${table.name}" (${[...names, ...extra.map((n) => `"${n}"`)].join(", ")}) ` +
            `SELECT *${extra.map(() => ", now()").join("")} FROM unnest(${unnest})`,
          arrays,
        );
      }
      await client.query("COMMIT");
    },
    async finish() {
      await connected;
      await client.query("SET maintenance_work_mem = '256MB'");
      for (const { indexdef } of indexes) await client.query(indexdef);
      await client.query("ANALYZE");
      await client.end();
    },
  };
}
