/**
 * The CSV export's reader: every consent of a filter with its customer, newest
 * first, in batches. It reads through the database driver directly (a
 * read-only better-sqlite3 handle, or a pg pool) with plain SQL: at a million
 * rows the ORM's per-row work would dominate the export's time. The filter is
 * the same as the list page's (lib/db/admin-mandates.ts), on the same indexes.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "@/prisma/database-url";
import { databaseUrl, dbProvider } from "./client";
import { prefixUpperBound, type MandateFilter } from "./admin-mandates";

export interface MandateExportRow {
  id: string;
  acceptedAt: string;
  email: string;
  stripeCustomerId: string | null;
  status: string;
  statusReason: string | null;
  paymentMethodType: string;
  purpose: string;
  termsLocale: string;
  termsVersion: string;
  termsSha256: string;
  ipAddress: string;
  userAgent: string;
  setupIntentId: string | null;
  paymentMethodId: string | null;
  mandateId: string | null;
  priceId: string | null;
  offer: string | null;
}

const COLUMNS = `c."id", c."acceptedAt", cu."email", cu."stripeCustomerId", c."status", c."statusReason",
  c."paymentMethodType", c."purpose", c."termsLocale", c."termsVersion", c."termsSha256", c."ipAddress",
  c."userAgent", c."setupIntentId", c."paymentMethodId", c."mandateId", c."priceId", c."offer"`;

type Param = string | number;

/** WHERE conditions with positional values; `placeholder(n)` is `?` (SQLite) or `$n` (PostgreSQL). */
function conditions(filter: MandateFilter, at: (value: Date) => string, placeholder: (n: number) => string) {
  const sql: string[] = [];
  const params: Param[] = [];
  const add = (text: (p: () => string) => string) => sql.push(text(() => placeholder(params.length + 1)));
  const eq = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    add((p) => `c."${column}" = ${p()}`);
    params.push(value);
  };
  eq("status", filter.status);
  eq("paymentMethodType", filter.method);
  eq("purpose", filter.purpose);
  eq("termsLocale", filter.locale);
  eq("termsVersion", filter.termsVersion);
  if (filter.from) {
    add((p) => `c."acceptedAt" >= ${p()}`);
    params.push(at(filter.from));
  }
  if (filter.to) {
    add((p) => `c."acceptedAt" < ${p()}`);
    params.push(at(filter.to));
  }
  if (filter.email) {
    const lower = filter.email.toLowerCase();
    add((p) => `cu."email" >= ${p()}`);
    params.push(lower);
    add((p) => `cu."email" < ${p()}`);
    params.push(prefixUpperBound(lower));
    add((p) => `substr(cu."email", 1, ${lower.length}) = ${p()}`);
    params.push(lower);
  }
  return { sql, params };
}

/** SQLite: one statement, iterated row by row (better-sqlite3 steps the cursor; nothing is held). */
async function* fromSqlite(url: string, filter: MandateFilter, batchSize: number): AsyncGenerator<MandateExportRow[]> {
  const database = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true });
  try {
    // Prisma's SQLite adapter stores DateTime as ISO text with "+00:00": compare in that form.
    const { sql, params } = conditions(
      filter,
      (d) => d.toISOString().replace("Z", "+00:00"),
      () => "?",
    );
    const statement = database.prepare(
      `SELECT ${COLUMNS} FROM "MandateConsent" c JOIN "Customer" cu ON cu."id" = c."customerId"
       ${sql.length ? `WHERE ${sql.join(" AND ")}` : ""} ORDER BY c."acceptedAt" DESC, c."id" DESC`,
    );
    let batch: MandateExportRow[] = [];
    for (const row of statement.iterate(...params) as IterableIterator<MandateExportRow>) {
      batch.push({ ...row, acceptedAt: row.acceptedAt.replace("+00:00", "Z") });
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  } finally {
    database.close();
  }
}

/** PostgreSQL: keyset batches (each an index range scan), timestamps read as UTC text. */
async function* fromPostgres(
  url: string,
  filter: MandateFilter,
  batchSize: number,
): AsyncGenerator<MandateExportRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const at = (d: Date) => d.toISOString().slice(0, 23);
    const columns = COLUMNS.replace(
      `c."acceptedAt"`,
      `to_char(c."acceptedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "acceptedAt"`,
    );
    let cursor: { acceptedAt: string; id: string } | null = null;
    for (;;) {
      const { sql, params } = conditions(filter, at, (n) => `$${n}`);
      const where = [...sql];
      const values: Param[] = [...params];
      if (cursor) {
        values.push(cursor.acceptedAt, cursor.id);
        // A row comparison, which PostgreSQL answers with one range scan of the (acceptedAt, id) index.
        where.push(`(c."acceptedAt", c."id") < ($${values.length - 1}::timestamp(3), $${values.length})`);
      }
      const { rows } = await client.query<MandateExportRow>(
        `SELECT ${columns} FROM "MandateConsent" c JOIN "Customer" cu ON cu."id" = c."customerId"
         ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY c."acceptedAt" DESC, c."id" DESC LIMIT ${batchSize}`,
        values,
      );
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1]!;
      cursor = { acceptedAt: last.acceptedAt.replace("Z", ""), id: last.id };
    }
  } finally {
    await client.end();
  }
}

/** Every consent of a filter, newest first, in batches; memory stays flat whatever the count. */
export function iterateMandatesForExport(filter: MandateFilter, batchSize = 5000): AsyncGenerator<MandateExportRow[]> {
  const url = databaseUrl();
  return dbProvider(url) === "postgres" ? fromPostgres(url, filter, batchSize) : fromSqlite(url, filter, batchSize);
}
