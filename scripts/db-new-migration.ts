/**
 * `npm run db:new-migration -- <name>`: after editing prisma/models.prisma,
 * writes the next migration for BOTH providers, so the two migration folders
 * stay in step:
 *   prisma/sqlite/migrations/<timestamp>_<name>/migration.sql
 *   prisma/postgres/migrations/<timestamp>_<name>/migration.sql
 * Each is `prisma migrate diff --from-migrations <folder> --to-schema-datamodel
 * <schema> --script` (the migrations are replayed into a shadow database: an
 * in-memory SQLite one, and one inside a throwaway PostgreSQL started here).
 * `--check`: write nothing, exit 1 if the models and the migrations differ.
 *
 * (`prisma migrate dev` is not used: with the 6.19 wasm engine it fails on an
 * empty SQLite database, and ends with "null pointer passed to rust" after
 * --create-only.)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Provider } from "../prisma/database-url";
import { capturePrismaCli } from "../prisma/run-cli";

const root = path.resolve(import.meta.dirname, "..");
const EMPTY = /^\s*-- This is an empty migration\.\s*$/;

function diff(provider: Provider, databaseUrl: string): Promise<string> {
  return capturePrismaCli({
    root,
    provider,
    args: [
      "migrate",
      "diff",
      "--from-migrations",
      `prisma/${provider}/migrations`,
      "--to-schema-datamodel",
      `prisma/${provider}`,
      "--script",
    ],
    env: { DATABASE_URL: databaseUrl },
  });
}

function timestamp(): string {
  return new Date().toISOString().replace(/\D/g, "").slice(0, 14);
}

async function main(): Promise<number> {
  const check = process.argv.includes("--check");
  const name = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
  if (!check && !name) {
    console.error("usage: npm run db:new-migration -- <name>   (or -- --check)");
    return 2;
  }

  fs.mkdirSync(path.join(root, ".tmp"), { recursive: true });
  const sqliteUrl = "file:./.tmp/new-migration.db"; // the CLI connects to it; never data/
  const started = execFileSync("bash", ["scripts/pg-throwaway.sh", "start"], { cwd: root, encoding: "utf8" });
  const pgUrl = started.trim().replace(/^DATABASE_URL=/, "");
  let sql: Record<Provider, string>;
  try {
    const [sqlite, postgres] = await Promise.all([diff("sqlite", sqliteUrl), diff("postgres", pgUrl)]);
    sql = { sqlite, postgres };
  } finally {
    execFileSync("bash", ["scripts/pg-throwaway.sh", "stop", pgUrl], { cwd: root, stdio: "inherit" });
    fs.rmSync(path.join(root, ".tmp", "new-migration.db"), { force: true });
  }

  const changed = (Object.keys(sql) as Provider[]).filter((provider) => !EMPTY.test(sql[provider]));
  if (changed.length === 0) {
    console.log("[db] models and migrations agree: no migration needed");
    return 0;
  }
  if (check) {
    console.error(`[db] prisma/models.prisma has changes without a migration (${changed.join(", ")}):`);
    for (const provider of changed) console.error(`--- ${provider}\n${sql[provider]}`);
    console.error("[db] run: npm run db:new-migration -- <name>");
    return 1;
  }

  const folder = `${timestamp()}_${name!
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")}`;
  for (const provider of changed) {
    const file = path.join(root, "prisma", provider, "migrations", folder, "migration.sql");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, sql[provider].endsWith("\n") ? sql[provider] : `${sql[provider]}\n`);
    console.log(`[db] wrote ${path.relative(root, file)}`);
  }
  console.log("[db] review the SQL, then apply it with: npm run db:migrate");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[db] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
