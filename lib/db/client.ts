/**
 * The database client (server-only: never import this from client components).
 *
 * `db()` returns one PrismaClient per process, created on first use for the
 * provider named by DATABASE_URL:
 *   unset / empty       -> file:./data/app.db (SQLite)
 *   file:<path>         -> SQLite via better-sqlite3; a relative path is
 *                          resolved against the project root (process.cwd())
 *   postgres(ql)://...  -> PostgreSQL via pg
 * The instance is cached on globalThis so Next.js dev reloads reuse it.
 *
 * Both generated clients (lib/db/generated/{sqlite,postgres}, from the shared
 * prisma/models.prisma; `npm run db:generate`) expose the same model API.
 */
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { tunedSqliteAdapter } from "./sqlite-connection";

/**
 * The one client type the app codes against: the SQLite client's. It is the
 * narrower of the two (e.g. no `mode: "insensitive"`, only Serializable
 * transactions), so code written against it runs on both databases.
 */
export type Db = SqlitePrismaClient;
/** Transaction client passed to `db().$transaction(async (tx) => …)`. */
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type DbProvider = "sqlite" | "postgres";

const DEFAULT_DATABASE_URL = "file:./data/app.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export function dbProvider(url: string = databaseUrl()): DbProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error('DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)');
}

function createClient(url: string): Db {
  if (dbProvider(url) === "postgres") {
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    // Same models, same generator: the two generated clients are separate
    // class types that differ only in provider-specific extras (e.g. QueryMode,
    // more isolation levels) which the SQLite type leaves out. The direct cast
    // (no `unknown` detour) still makes TypeScript check that the two overlap;
    // the app only uses the shared surface.
    return client as Db;
  }
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  const file = raw === ":memory:" ? raw : path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  return new SqlitePrismaClient({
    adapter: tunedSqliteAdapter(new PrismaBetterSQLite3({ url: file, timeout: 10_000 })),
  });
}

type Cached = { url: string; client: Db };
const globalForDb = globalThis as typeof globalThis & { __appDb?: Cached };

/** The process-wide client for the current DATABASE_URL (created lazily). */
export function db(): Db {
  const url = databaseUrl();
  const cached = globalForDb.__appDb;
  if (cached && cached.url === url) return cached.client;
  if (cached) void cached.client.$disconnect().catch(() => {});
  const client = createClient(url);
  globalForDb.__appDb = { url, client };
  return client;
}

/** Closes the client (tests, scripts). The next `db()` call opens a new one. */
export async function disconnectDb(): Promise<void> {
  const cached = globalForDb.__appDb;
  globalForDb.__appDb = undefined;
  await cached?.client.$disconnect();
}
