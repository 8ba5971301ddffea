/**
 * `npm run db:migrate`: makes sure both Prisma clients are generated and
 * current, then applies the committed migrations (`prisma migrate deploy`) to
 * the database named by DATABASE_URL (default file:./data/app.db).
 *
 * `npm run db:generate` (`--generate-only`): regenerates both clients, nothing else.
 *
 * Prisma packages' install scripts are disabled (package.json allowScripts), so
 * generation is always explicit. The CLI runs through prisma/run-cli.ts, which
 * ends it as soon as it reports success (it otherwise lingers 10–60 s).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { databaseUrl, providerOf, sqliteFilePath, type Provider } from "../prisma/database-url";
import { runPrismaCli } from "../prisma/run-cli";

const root = path.resolve(import.meta.dirname, "..");
const PROVIDERS: Provider[] = ["sqlite", "postgres"];
const STAMP = ".schema-hash";

function outputDir(provider: Provider): string {
  return path.join(root, "lib", "db", "generated", provider);
}

/** Everything generation depends on: the schema files and the Prisma version. */
function schemaHash(provider: Provider): string {
  const hash = createHash("sha256");
  for (const file of ["prisma/models.prisma", `prisma/${provider}/schema.prisma`, "node_modules/prisma/package.json"]) {
    hash
      .update(file)
      .update("\0")
      .update(fs.readFileSync(path.join(root, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

function isCurrent(provider: Provider): boolean {
  const dir = outputDir(provider);
  try {
    return (
      fs.existsSync(path.join(dir, "client.ts")) &&
      fs.readFileSync(path.join(dir, STAMP), "utf8").trim() === schemaHash(provider)
    );
  } catch {
    return false;
  }
}

async function generate(provider: Provider): Promise<void> {
  await runPrismaCli({ root, provider, args: ["generate"], success: /Generated Prisma Client/ });
  fs.writeFileSync(path.join(outputDir(provider), STAMP), `${schemaHash(provider)}\n`);
}

/** Generates both clients: all of them with `force`, otherwise only missing/outdated ones. */
export async function generateClients({ force = false } = {}): Promise<void> {
  const todo = PROVIDERS.filter((provider) => force || !isCurrent(provider));
  if (todo.length === 0) {
    console.log("[db] Prisma clients are up to date");
    return;
  }
  await Promise.all(todo.map(generate));
}

/** Applies the committed migrations of the provider `url` selects. */
export async function migrateDeploy(url: string = databaseUrl()): Promise<void> {
  const provider = providerOf(url);
  await runPrismaCli({
    root,
    provider,
    args: ["migrate", "deploy"],
    env: { DATABASE_URL: url },
    success: /All migrations have been successfully applied|No pending migrations to apply/,
  });
  if (provider === "sqlite") {
    // WAL lets readers and the writer work concurrently (app server + scripts);
    // the mode is stored in the database file, so setting it once is enough.
    const sqlite = new Database(sqliteFilePath(url, root));
    try {
      sqlite.pragma("journal_mode = WAL");
    } finally {
      sqlite.close();
    }
  }
}

/** The target database for log lines, without credentials. */
function describe(url: string): string {
  if (providerOf(url) === "sqlite") return `SQLite ${path.relative(root, sqliteFilePath(url, root)) || url}`;
  const u = new URL(url);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const generateOnly = process.argv.includes("--generate-only");
  await generateClients({ force: generateOnly });
  if (!generateOnly) {
    const url = databaseUrl();
    console.log(`[db] migrating ${describe(url)}`);
    await migrateDeploy(url);
  }
  console.log(`[db] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`[db] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
