/**
 * `npm run bench:admin [-- --rows N --runs R --db sqlite|postgres]`: seeds N
 * consents (default 1,000,000, with customers, history, subscriptions and
 * payments) into a fresh SQLite file and a throwaway PostgreSQL, then times
 * the admin console's queries (the same lib/db functions the pages call):
 * p50/p95 over R runs (default 50) after warm-up, and the full CSV export's
 * wall time and peak RSS in a separate process. The machine's load average is
 * printed beside the figures: other work on the machine moves them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generate } from "./bench-admin/dataset";
import { postgresWriter, sqliteWriter } from "./bench-admin/writers";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    rows: { type: "string", default: process.env.BENCH_ROWS ?? "1000000" },
    runs: { type: "string", default: process.env.BENCH_RUNS ?? "50" },
    db: { type: "string" },
    /** Measure the existing data again without re-seeding it (SQLite: data/bench-admin.db; PostgreSQL: --pg-url). */
    reuse: { type: "boolean", default: false },
    /** An existing PostgreSQL database to seed and measure instead of a throwaway cluster (it is left running). */
    "pg-url": { type: "string", default: process.env.BENCH_PG_URL },
    /** The SQLite file to seed and measure (relative to the project root). */
    "sqlite-file": { type: "string", default: process.env.BENCH_SQLITE_FILE ?? "data/bench-admin.db" },
  },
});
const ROWS = Number(values.rows);
const RUNS = Math.max(1, Number(values.runs));
const WARMUP = 5;
const PG_PORT = process.env.BENCH_PG_PORT ?? "54340";

const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function migrate(url: string) {
  const result = spawnSync("npx", ["tsx", "scripts/db-migrate.ts"], {
    cwd: root,
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: url },
  });
  if (result.status !== 0) throw new Error(`migration failed for ${url}`);
}

async function seed(
  label: string,
  writer: {
    write(b: ReturnType<typeof generate> extends Generator<infer B> ? B : never): Promise<void>;
    finish(): Promise<void>;
  },
) {
  const started = performance.now();
  let consents = 0;
  let other = 0;
  for (const batch of generate(ROWS, 10_000)) {
    await writer.write(batch);
    consents += batch.consents.length;
    other += batch.customers.length + batch.history.length + batch.subscriptions.length + batch.payments.length;
    if (consents % 200_000 === 0) process.stdout.write(`  ${label}: ${consents.toLocaleString("en")} consents…\n`);
  }
  await writer.finish();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${label}: seeded ${consents.toLocaleString("en")} consents + ${other.toLocaleString("en")} related rows in ${seconds.toFixed(1)} s`,
  );
}

/** `cpu`: this process's CPU time per run (all of SQLite's work; PostgreSQL's server time is not in it). */
type Row = { query: string; p50: number; p95: number; max: number; cpu: number; runs: number };

async function measure(name: string, work: (run: number) => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < WARMUP; i++) await work(i);
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work(i + WARMUP);
    samples.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  samples.sort((a, b) => a - b);
  return {
    cpu: (cpu.user + cpu.system) / 1000 / RUNS,
    query: name,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: samples[samples.length - 1]!,
    runs: RUNS,
  };
}

async function benchQueries(url: string): Promise<Row[]> {
  process.env.DATABASE_URL = url;
  const { listMandatesPage } = await import("../lib/db/admin-mandates");
  const { findMandateEvidence } = await import("../lib/db/admin-mandates");
  const { findByStripeId } = await import("../lib/db/admin-lookup");
  const { auditOfTarget } = await import("../lib/db/admin-audit");
  const { adminOverview, consentsPerDay, OVERVIEW_CHART_DAYS } = await import("../lib/db/admin-overview");
  const { overviewFigures } = await import("../lib/admin/overview-figures");
  const { disconnectDb } = await import("../lib/db/client");
  const pad = (n: number) => n.toString(36).padStart(7, "0");
  const idAt = (run: number) => pad((run * 7919 + 12345) % ROWS);

  const deep = await listMandatesPage({}, null, 10_000);
  const deepCursor = deep.next;
  if (!deepCursor) throw new Error("fewer than 10,000 rows: nothing to page into");
  const filter = { status: "active", method: "kakao_pay", locale: "ko" };

  const rows: Row[] = [];
  rows.push(await measure("first page (50, newest first)", () => listMandatesPage({}, null)));
  rows.push(await measure("filtered page (active, kakao_pay, ko)", () => listMandatesPage(filter, null)));
  rows.push(await measure("page 10,000 rows deep (cursor)", () => listMandatesPage({}, deepCursor)));
  rows.push(
    await measure("filtered page 10,000 rows deep (cursor)", async () => {
      const first = await listMandatesPage({ status: "active" }, deepCursor);
      return first;
    }),
  );
  rows.push(
    await measure("email prefix, narrow (sakura.ito12)", () => listMandatesPage({ email: "Sakura.Ito12" }, null)),
  );
  rows.push(await measure("email prefix, broad (s)", () => listMandatesPage({ email: "s" }, null)));
  rows.push(
    await measure("Stripe id lookup (seti_/sub_/pi_/in_)", (run) => {
      const prefixes = ["seti_bench", "pm_bench", "sub_bench", "pi_bench", "in_bench"];
      return findByStripeId(`${prefixes[run % prefixes.length]}${idAt(run)}`);
    }),
  );
  rows.push(
    await measure("detail page (evidence + history + subscription + charges + audit)", (run) =>
      Promise.all([findMandateEvidence(`bcon${idAt(run)}`), auditOfTarget("consent", `bcon${idAt(run)}`)]),
    ),
  );
  rows.push(
    await measure("overview figures counted (at most every 30 s, behind the page)", () =>
      Promise.all([adminOverview(), consentsPerDay(OVERVIEW_CHART_DAYS)]),
    ),
  );
  rows.push(await measure("overview page's figures (the last count)", () => overviewFigures()));
  await disconnectDb();
  return rows;
}

function benchExport(url: string) {
  const result = spawnSync("npx", ["tsx", "scripts/bench-admin/export-child.ts"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url },
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`export failed: ${result.stderr}`);
  const line = result.stdout.trim().split("\n").pop()!;
  return JSON.parse(line) as {
    ms: number;
    count: number;
    lines: number;
    bytes: number;
    peakRssMb: number;
    cpuMs: number;
  };
}

function print(label: string, rows: Row[], exported: ReturnType<typeof benchExport>) {
  console.log(`\n${label}: ${ROWS.toLocaleString("en")} consents, ${RUNS} runs per query after ${WARMUP} warm-up, ms`);
  console.log(`| query | p50 | p95 | max | CPU per run (this process) |`);
  console.log(`|---|---:|---:|---:|---:|`);
  for (const row of rows)
    console.log(
      `| ${row.query} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.max.toFixed(1)} | ${row.cpu.toFixed(1)} |`,
    );
  console.log(
    `| full CSV export (${exported.count.toLocaleString("en")} rows, ${(exported.bytes / 1e6).toFixed(0)} MB) | wall ${(exported.ms / 1000).toFixed(1)} s | peak RSS ${exported.peakRssMb.toFixed(0)} MB | | CPU ${(exported.cpuMs / 1000).toFixed(1)} s |`,
  );
  if (exported.lines !== exported.count + 1)
    console.log(`  !! export wrote ${exported.lines} lines for ${exported.count} rows`);
  console.log(`  load average after: ${load()}`);
}

console.log(`bench:admin on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${load()}`);
const only = values.db;

if (!only || only === "sqlite") {
  const file = path.resolve(root, values["sqlite-file"]);
  const url = `file:${file}`;
  if (!values.reuse || !existsSync(file)) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    migrate(url);
    await seed("SQLite", sqliteWriter(file));
  }
  const rows = await benchQueries(url);
  print("SQLite", rows, benchExport(url));
}

if ((!only || only === "postgres") && values["pg-url"]) {
  const url = values["pg-url"];
  if (!values.reuse) {
    migrate(url);
    await seed("PostgreSQL", postgresWriter(url));
  }
  const rows = await benchQueries(url);
  print("PostgreSQL", rows, benchExport(url));
} else if (!only || only === "postgres") {
  const started = execFileSync("bash", ["scripts/pg-throwaway.sh", "start", PG_PORT], { cwd: root, encoding: "utf8" });
  const url = started.trim().replace(/^DATABASE_URL=/, "");
  try {
    migrate(url);
    await seed("PostgreSQL", postgresWriter(url));
    const rows = await benchQueries(url);
    print("PostgreSQL", rows, benchExport(url));
  } finally {
    execFileSync("bash", ["scripts/pg-throwaway.sh", "stop", url], { cwd: root, stdio: "inherit" });
  }
}
