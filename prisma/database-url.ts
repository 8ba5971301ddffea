// DATABASE_URL handling for the Prisma CLI configs and the db scripts.
// (lib/db/client.ts has its own copy of the same few rules so the app does not
// import from prisma/.)
//
//   unset / empty        -> file:./data/app.db (SQLite, relative to the project root)
//   file:<path>          -> SQLite; a relative path is resolved against process.cwd()
//   postgres(ql)://...   -> PostgreSQL
import fs from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/app.db";

export type Provider = "sqlite" | "postgres";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${url.slice(0, 20)}…"`,
  );
}

/** Absolute SQLite file path for a `file:` URL; creates the parent folder. */
export function sqliteFilePath(url: string, root: string = process.cwd()): string {
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (raw === ":memory:") return raw;
  const file = path.resolve(root, raw);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
