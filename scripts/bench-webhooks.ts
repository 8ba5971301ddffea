/**
 * `npm run bench:webhooks [-- N]`: the webhook endpoint under load, beside a
 * bare baseline in the same run. For SQLite and then a throwaway PostgreSQL:
 * starts the emulator (its own process), creates real subscriptions through
 * the app's code so events have real objects and records behind them, starts
 * the production build (scripts/serve.ts, its inbox worker included) and a bare
 * Node verify-and-insert server, then sends N distinct signed events of that
 * mix at concurrency 1, 10 and 50 to each, bare and app alternating for
 * BENCH_ROUNDS rounds (5) per level. The emulator runs at the lowest CPU
 * priority (BENCH_EMULATOR_NICE, 19): it stands in for Stripe's servers.
 * Prints, for the round with the median ratio, ingest events/s and p50/p95/p99 for both, the ratio (and its range
 * over the rounds), how long the inbox took to be fully processed, the rate
 * of the whole mix and of the handled events from the first delivery to an
 * empty inbox, and lost / processed-twice counts.
 *   Ports: BENCH_APP_PORT (3211), BENCH_BARE_PORT (3212), BENCH_EMULATOR_PORT (3213), BENCH_PG_PORT (3214)
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { buildIsCurrent, recordBuild } from "./lib/build-stamp";
import { inboxReader } from "./bench/inbox-stats";
import { percentile, runLoad, type LoadResult } from "./bench/load";
import { run, runBenchmark, sleep, start, stop, waitFor } from "./bench/processes";

const root = path.resolve(import.meta.dirname, "..");
const N = Number(process.argv[2] ?? process.env.BENCH_EVENTS ?? 2000);
const FLOWS = Number(process.env.BENCH_FLOWS ?? 12);
const LEVELS = [1, 10, 50];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const EMULATOR_NICE = process.env.BENCH_EMULATOR_NICE ?? "19";
const ports = {
  app: Number(process.env.BENCH_APP_PORT ?? 3211),
  bare: Number(process.env.BENCH_BARE_PORT ?? 3212),
  emulator: Number(process.env.BENCH_EMULATOR_PORT ?? 3213),
  pg: Number(process.env.BENCH_PG_PORT ?? 3214),
};
const secret = `whsec_bench${randomBytes(12).toString("hex")}`;

/** Real subscriptions (both wallets) through the app's own code: their events are the mix. */
async function createMix(databaseUrl: string): Promise<Stripe.Event[]> {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    STRIPE_EMULATOR_URL: `http://127.0.0.1:${ports.emulator}`,
    STRIPE_WEBHOOK_SECRET: secret,
    BETTER_AUTH_SECRET: "bench-webhooks-auth-secret-0123456789abcdef",
    APP_URL: `http://127.0.0.1:${ports.app}`,
  });
  const { authorizedSubscriptionConsent, paymentReturnParams } = await import("../test/support/flows");
  const { subscribeWithConsent } = await import("../lib/billing/subscribe");
  const { completeFirstPayment } = await import("../lib/billing/payment-return");
  const { clickWalletButton } = await import("../test/support/redirect-page");
  const { resetStripeClient } = await import("../lib/stripe/server");
  const { disconnectDb } = await import("../lib/db/client");
  resetStripeClient();
  const sdk = new Stripe("sk_test_bench", { host: "127.0.0.1", port: ports.emulator, protocol: "http" });
  for (let i = 0; i < FLOWS; i++) {
    const wallet = i % 2 === 0 ? "amazon_pay" : "kakao_pay";
    const { consentId } = await authorizedSubscriptionConsent(sdk, wallet, i % 3 === 2 ? { offer: "trial_14d" } : {});
    const outcome = await subscribeWithConsent(consentId);
    if (outcome.kind === "subscription" && outcome.payment.kind === "redirect") {
      const location = await clickWalletButton(outcome.payment.redirectUrl, "Authorize test payment");
      await completeFirstPayment(paymentReturnParams(location), null);
    }
  }
  await disconnectDb();
  return sdk.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
}

/** N distinct events: the mix repeated, each copy with its own id (same objects, so handlers do real work). */
function eventsFor(mix: Stripe.Event[], prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const template = mix[i % mix.length]!;
    return JSON.stringify({ ...template, id: `${prefix}${i}` });
  });
}

const signer = new Stripe("sk_test_signer");
const headersOf = (body: string) => ({
  "stripe-signature": signer.webhooks.generateTestHeaderString({ payload: body, secret }),
});

interface Row {
  level: number;
  bare: LoadResult;
  app: LoadResult;
  /** App events/s over bare events/s, this round; `ratios`: every round's, lowest first. */
  ratio: number;
  ratios: number[];
  drainedAfterMs: number;
  /** Every delivered event (handled or only acknowledged), first delivery → inbox empty. */
  mixPerSecond: number;
  processedPerSecond: number;
  handled: number;
  lost: number;
  twice: number;
  parked: number;
}

async function benchDatabase(label: string, databaseUrl: string): Promise<Row[]> {
  console.log(`\n== ${label}: migrating, starting the emulator and creating ${FLOWS} subscriptions for the mix`);
  run("npx", ["tsx", "scripts/db-migrate.ts"], { ...process.env, DATABASE_URL: databaseUrl });
  // The emulator stands in for Stripe, whose servers do not share this machine's CPUs: it takes only what is left.
  const emulator = start("nice", ["-n", EMULATOR_NICE, "npx", "tsx", "emulator/main.ts"], {
    ...process.env,
    STRIPE_EMULATOR_PORT: String(ports.emulator),
  });
  await waitFor(`http://127.0.0.1:${ports.emulator}/v1/customers`);
  const mix = await createMix(databaseUrl);
  const handledTypes = new Set(Object.keys((await import("../lib/webhooks/handlers")).HANDLERS));
  const types = new Map<string, number>();
  for (const event of mix) types.set(event.type, (types.get(event.type) ?? 0) + 1);
  console.log(
    `mix: ${mix.length} events, ${mix.filter((e) => handledTypes.has(e.type)).length} handled —`,
    [...types].map(([type, n]) => `${type} ${n}`).join(", "),
  );

  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    STRIPE_EMULATOR_URL: `http://127.0.0.1:${ports.emulator}`,
    STRIPE_EMULATOR_PUBLIC_URL: `http://127.0.0.1:${ports.emulator}`,
    STRIPE_WEBHOOK_SECRET: secret,
    BETTER_AUTH_SECRET: "bench-webhooks-auth-secret-0123456789abcdef",
    APP_URL: `http://127.0.0.1:${ports.app}`,
  };
  const app = start("npx", ["tsx", "scripts/serve.ts"], {
    ...appEnv,
    APP_PORT: String(ports.app),
    APP_HOST: "127.0.0.1",
  });
  const bare = start("npx", ["tsx", "scripts/bench/bare-webhook-server.ts"], {
    ...appEnv,
    BARE_PORT: String(ports.bare),
    DATABASE_URL: databaseUrl.startsWith("file:") ? "file:./data/bench-bare.db" : databaseUrl,
  });
  await waitFor(`http://127.0.0.1:${ports.app}/api/health`);
  await waitFor(`http://127.0.0.1:${ports.bare}/`);
  const appUrl = new URL(`http://127.0.0.1:${ports.app}/api/webhooks/stripe`);
  const bareUrl = new URL(`http://127.0.0.1:${ports.bare}/`);
  const reader = inboxReader(databaseUrl);

  // Warm-up: compile paths, fill connection pools, prepare statements.
  await runLoad(bareUrl, eventsFor(mix, "evt_warm_bare_", 200), 10, headersOf);
  await runLoad(appUrl, eventsFor(mix, "evt_warm_app_", 200), 10, headersOf);
  while ((await reader.stats("evt_warm_app_")).pending > 0) await sleep(50);

  /** One round at one level: the bare server, then the app, then the app's inbox until it is empty. */
  const measure = async (level: number, round: number): Promise<Row> => {
    const bareResult = await runLoad(bareUrl, eventsFor(mix, `evt_bare${level}_${round}_`, N), level, headersOf);
    const appPrefix = `evt_app${level}_${round}_`;
    const appEvents = eventsFor(mix, appPrefix, N);
    const started = performance.now();
    const appResult = await runLoad(appUrl, appEvents, level, headersOf);
    const ingested = performance.now();
    let stats = await reader.stats(appPrefix);
    while (stats.pending > 0) {
      await sleep(20);
      stats = await reader.stats(appPrefix);
    }
    const drained = performance.now();
    const handled = appEvents.filter((body) => handledTypes.has((JSON.parse(body) as Stripe.Event).type)).length;
    return {
      level,
      bare: bareResult,
      app: appResult,
      ratio: appResult.perSecond / bareResult.perSecond,
      ratios: [],
      drainedAfterMs: drained - ingested,
      mixPerSecond: N / ((drained - started) / 1000),
      processedPerSecond: handled / ((drained - started) / 1000),
      handled,
      lost: N - stats.stored,
      twice: stats.twice,
      parked: stats.parked,
    };
  };

  // Bare and app alternate, ROUNDS times per level; the round with the median ratio is reported (with the range).
  const rows: Row[] = [];
  for (const level of LEVELS) {
    const rounds: Row[] = [];
    for (let round = 0; round < ROUNDS; round++) rounds.push(await measure(level, round));
    rounds.sort((a, b) => a.ratio - b.ratio);
    const median = rounds[Math.floor(rounds.length / 2)]!;
    rows.push({
      ...median,
      ratios: rounds.map((r) => r.ratio),
      lost: Math.max(...rounds.map((r) => r.lost)),
      twice: Math.max(...rounds.map((r) => r.twice)),
      parked: Math.max(...rounds.map((r) => r.parked)),
    });
    const failures = rounds.reduce((sum, r) => sum + r.app.failures + r.bare.failures, 0);
    console.log(`c=${level}: ${ROUNDS} rounds done (${failures} non-200 answers)`);
  }
  await reader.close();
  await Promise.all([app, bare, emulator].map(stop));
  return rows;
}

function print(label: string, rows: Row[]): void {
  const f = (n: number) => n.toFixed(1);
  console.log(`\n### ${label}: ${N} events per level\n`);
  console.log(
    `| c | bare events/s | bare p50/p95/p99 ms | app events/s | app p50/p95/p99 ms | app / bare (${ROUNDS} rounds) | inbox drained after | mix events/s, first event → drained | handled events/s (n) | lost | twice | parked |`,
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) {
    const lat = (r: LoadResult) => [50, 95, 99].map((p) => f(percentile(r.latencies, p))).join(" / ");
    const pct = (ratio: number) => (100 * ratio).toFixed(0);
    const range = `${pct(row.ratios[0]!)}–${pct(row.ratios.at(-1)!)}`;
    console.log(
      `| ${row.level} | ${row.bare.perSecond.toFixed(0)} | ${lat(row.bare)} | ${row.app.perSecond.toFixed(0)} | ${lat(row.app)} | ${pct(row.ratio)} % (${range}) | ${(row.drainedAfterMs / 1000).toFixed(2)} s | ${row.mixPerSecond.toFixed(0)} | ${row.processedPerSecond.toFixed(0)} (${row.handled}) | ${row.lost} | ${row.twice} | ${row.parked} |`,
    );
  }
}

async function main() {
  const load = () =>
    os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(" ");
  console.log(`bench:webhooks — ${os.cpus().length} CPUs, load average at start ${load()}`);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (!buildIsCurrent(root)) {
    console.log("building the app (next build)…");
    run("npx", ["next", "build"], { ...env, BETTER_AUTH_SECRET: "bench-webhooks-auth-secret-0123456789abcdef" });
    recordBuild(root);
  }

  const results: [string, Row[]][] = [];
  for (const file of ["data/bench-webhooks.db", "data/bench-bare.db"]) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(path.join(root, file + suffix), { force: true });
  }
  results.push(["SQLite", await benchDatabase("SQLite", "file:./data/bench-webhooks.db")]);
  console.log(`load average after SQLite: ${load()}`);

  if (process.env.BENCH_SKIP_PG !== "1") {
    const line = spawnSync("bash", ["scripts/pg-throwaway.sh", "start", String(ports.pg)], {
      cwd: root,
      encoding: "utf8",
    });
    const url = line.stdout.trim().replace(/^DATABASE_URL=/, "");
    if (!url.startsWith("postgres")) throw new Error(`PostgreSQL did not start: ${line.stderr}`);
    try {
      results.push(["PostgreSQL", await benchDatabase("PostgreSQL", url)]);
    } finally {
      spawnSync("bash", ["scripts/pg-throwaway.sh", "stop", url], { cwd: root, stdio: "ignore" });
    }
  }
  for (const [label, rows] of results) print(label, rows);
  console.log(`\nload average at end ${load()}`);
}

runBenchmark(main);
