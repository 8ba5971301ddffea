/**
 * `npm run reset`: start over in local mode. Wipes, together, the database,
 * the Stripe emulator's state, the caught mail and the generated secrets
 * (LOCAL_STATE_DIR), so no record points at a Stripe object that no longer
 * exists. A PostgreSQL database is only wiped when asked explicitly:
 *   npm run reset -- --wipe-postgres
 */
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { localStatePaths } from "./lib/local-state";

const root = path.resolve(import.meta.dirname, "..");
const databaseUrl = process.env.DATABASE_URL?.trim() || "file:./data/app.db";
const emulatorPort = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);

async function isRunning(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  if (await isRunning(`http://127.0.0.1:${emulatorPort}/_emulator/health`)) {
    console.error(`npm start is still running (the Stripe emulator answers on port ${emulatorPort}): stop it first.`);
    return 1;
  }
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    if (!process.argv.includes("--wipe-postgres")) {
      console.error(
        "DATABASE_URL is a PostgreSQL database: nothing was wiped. Run `npm run reset -- --wipe-postgres` to drop every table in it.",
      );
      return 1;
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    } finally {
      await client.end();
    }
    console.log("PostgreSQL: every table dropped (the next start migrates again).");
  } else {
    const file = path.resolve(root, databaseUrl.replace(/^file:/, "").replace(/\?.*$/, ""));
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
    console.log(`SQLite: removed ${path.relative(root, file)}`);
  }
  const state = localStatePaths(root);
  rmSync(state.dir, { recursive: true, force: true });
  console.log(`Removed ${path.relative(root, state.dir)}/ (Stripe emulator state, inbox, generated secrets).`);
  return 0;
}

process.exitCode = await main();
