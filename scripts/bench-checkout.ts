/**
 * `npm run bench:checkout [-- N] [--warmup W] [--db sqlite|postgres]`: complete
 * subscribe flows per wallet (Amazon Pay; Kakao Pay with its first-payment
 * return), after W warm-up flows per wallet that are not counted, at two levels:
 *   - server action: the lib calls the action and return pages make, in this
 *     process (with the webhook route and inbox worker running here too); each
 *     step's own Stripe calls are attributed to it (scripts/bench/stripe-attribution.ts),
 *     so "ours" = step wall time − the time that step waited on Stripe;
 *   - HTTP: the production build (scripts/serve.ts), driven as a browser
 *     without JavaScript drives it (page, form post, return pages).
 * The emulator runs in its own process, a fresh one per level. After the last
 * flow the script waits until the webhook backlog is drained (every delivery
 * answered, every stored event processed) and counts the total to that point.
 *   Ports: BENCH_APP_PORT (4330), BENCH_EMULATOR_PORT (4331), BENCH_RECEIVER_PORT (4332), BENCH_PG_PORT (4333)
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Stripe from "stripe";
import type { Wallet } from "../lib/mandate/wallets";
import { waitForDrainedBacklog, type Backlog } from "./bench/backlog";
import { Samples, actionTable, httpTable, type Recorder } from "./bench/checkout-steps";
import { inboxReader } from "./bench/inbox-stats";
import { run, runBenchmark, start, stop, waitFor } from "./bench/processes";
import { attributeStripeCalls, stripeCalls } from "./bench/stripe-attribution";
import { buildIsCurrent, recordBuild } from "./lib/build-stamp";

const root = path.resolve(import.meta.dirname, "..");
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    warmup: { type: "string", default: process.env.BENCH_WARMUP ?? "10" },
    db: { type: "string", default: "sqlite" },
  },
});
const N = Number(positionals[0] ?? process.env.BENCH_RUNS ?? 100);
const WARMUP = Number(values.warmup);
const DB = values.db === "postgres" ? "postgres" : "sqlite";
const ports = {
  app: Number(process.env.BENCH_APP_PORT ?? 4330),
  emulator: Number(process.env.BENCH_EMULATOR_PORT ?? 4331),
  receiver: Number(process.env.BENCH_RECEIVER_PORT ?? 4332),
  pg: Number(process.env.BENCH_PG_PORT ?? 4333),
};
const emulatorUrl = `http://127.0.0.1:${ports.emulator}`;
const appUrl = `http://127.0.0.1:${ports.app}`;
const WALLETS: Wallet[] = ["amazon_pay", "kakao_pay"];

/** What every process of the app (this one at the server-action level, the build at the HTTP level) is configured with. */
const appEnv = (databaseUrl: string, webhookSecret: string): Record<string, string> => ({
  DATABASE_URL: databaseUrl,
  STRIPE_EMULATOR_URL: emulatorUrl,
  STRIPE_EMULATOR_PUBLIC_URL: emulatorUrl,
  STRIPE_WEBHOOK_SECRET: webhookSecret,
  BETTER_AUTH_SECRET: "bench-checkout-auth-secret-0123456789abcdef",
  APP_URL: appUrl,
  NEXT_TELEMETRY_DISABLED: "1",
  // Every flow comes from one address: measure checkout, not the limiters' refusals.
  AUTH_RATE_LIMIT: "0",
  RATE_LIMIT_CONSENT_PER_IP: "1000000",
  RATE_LIMIT_CONSENT_PER_EMAIL: "1000000",
});

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

interface LevelResult {
  samples: Samples;
  flowsSeconds: number;
  drainSeconds: number;
  backlog: Backlog;
}

/** A fresh emulator with the plans and one webhook endpoint; returns its SDK and the endpoint. */
async function freshEmulator(webhookUrl: string) {
  const emulator = start("npx", ["tsx", "emulator/main.ts"], {
    ...process.env,
    STRIPE_EMULATOR_PORT: String(ports.emulator),
    STRIPE_EMULATOR_HOST: "127.0.0.1",
  });
  await waitFor(`${emulatorUrl}/v1/customers`);
  const sdk = new Stripe("sk_test_bench", { host: "127.0.0.1", port: ports.emulator, protocol: "http" });
  const { ensureCatalogue } = await import("../lib/catalogue/ensure-catalogue");
  await ensureCatalogue(sdk);
  const endpoint = await sdk.webhookEndpoints.create({ url: webhookUrl, enabled_events: ["*"] });
  return { emulator, endpoint };
}

/** Warm-up flows (not counted), then N per wallet, then the wait for the webhook backlog. */
async function runFlows(
  databaseUrl: string,
  endpointId: string,
  flow: (wallet: Wallet, email: string, record: Recorder) => Promise<void>,
): Promise<LevelResult> {
  const samples = new Samples();
  const inbox = inboxReader(databaseUrl);
  // The database is shared by both levels: count this level's inbox rows only.
  const before = await inbox.stats("evt_");
  let n = 0;
  const email = () => `bench-${Date.now().toString(36)}-${n++}@example.com`;
  for (let i = 0; i < WARMUP; i++)
    for (const wallet of WALLETS) await flow(wallet, email(), samples.recorderFor(wallet));
  samples.counting = true;
  const started = performance.now();
  for (let i = 0; i < N; i++) {
    for (const wallet of WALLETS) await flow(wallet, email(), samples.recorderFor(wallet));
    if ((i + 1) % 25 === 0) console.log(`  ${(i + 1) * WALLETS.length} of ${N * WALLETS.length} flows`);
  }
  samples.counting = false;
  const flowsDone = performance.now();
  const drained = await waitForDrainedBacklog(emulatorUrl, endpointId, inbox);
  const drainedAt = performance.now();
  await inbox.close();
  const backlog = {
    ...drained,
    stored: drained.stored - before.stored,
    processed: drained.processed - before.processed,
    parked: drained.parked - before.parked,
  };
  return { samples, flowsSeconds: (flowsDone - started) / 1000, drainSeconds: (drainedAt - flowsDone) / 1000, backlog };
}

async function serverActionLevel(databaseUrl: string): Promise<LevelResult> {
  const { emulator, endpoint } = await freshEmulator(`http://127.0.0.1:${ports.receiver}/api/webhooks/stripe`);
  Object.assign(process.env, appEnv(databaseUrl, endpoint.secret!));
  const { stripe } = await import("../lib/stripe/server");
  const { startInboxWorker, stopInboxWorker } = await import("../lib/webhooks/worker");
  const { disconnectDb } = await import("../lib/db/client");
  const { disconnectRawDriver } = await import("../lib/db/raw-driver");
  const { startWebhookReceiver } = await import("./bench/webhook-receiver");
  const { actionFlow } = await import("./bench/checkout-actions");
  attributeStripeCalls(stripe());
  // Started here, outside every step: the worker's Stripe calls belong to no flow.
  const receiver = await startWebhookReceiver(ports.receiver);
  startInboxWorker();
  try {
    return await runFlows(databaseUrl, endpoint.id, actionFlow);
  } finally {
    await stopInboxWorker();
    await new Promise((resolve) => receiver.close(resolve));
    await disconnectDb();
    await disconnectRawDriver();
    await stop(emulator);
  }
}

async function httpLevel(databaseUrl: string): Promise<LevelResult> {
  const { emulator, endpoint } = await freshEmulator(`${appUrl}/api/webhooks/stripe`);
  const app = start("npx", ["tsx", "scripts/serve.ts"], {
    ...process.env,
    ...appEnv(databaseUrl, endpoint.secret!),
    NODE_ENV: "production",
    APP_PORT: String(ports.app),
    APP_HOST: "127.0.0.1",
  });
  try {
    await waitFor(`${appUrl}/api/health`);
    const { httpFlow } = await import("./bench/checkout-http");
    return await runFlows(databaseUrl, endpoint.id, (wallet, email, record) =>
      httpFlow(appUrl, emulatorUrl, wallet, email, record),
    );
  } finally {
    await stop(app);
    await stop(emulator);
  }
}

function summary(label: string, level: LevelResult): string {
  const { backlog } = level;
  return [
    `${label}: ${N * WALLETS.length} flows in ${level.flowsSeconds.toFixed(1)} s;`,
    `webhook backlog drained ${level.drainSeconds.toFixed(2)} s after the last flow;`,
    `total ${(level.flowsSeconds + level.drainSeconds).toFixed(1)} s`,
    `(webhook deliveries ${backlog.deliveries}, ${backlog.failedDeliveries} given up; inbox ${backlog.stored} events,`,
    `${backlog.processed} processed, ${backlog.parked} parked, warm-up flows included)`,
  ].join(" ");
}

async function databaseUrl(): Promise<{ url: string; close(): void }> {
  if (DB === "sqlite") {
    const file = "data/bench-checkout.db";
    for (const suffix of ["", "-wal", "-shm"]) rmSync(path.join(root, file + suffix), { force: true });
    return { url: `file:./${file}`, close: () => undefined };
  }
  const line = spawnSync("bash", ["scripts/pg-throwaway.sh", "start", String(ports.pg)], {
    cwd: root,
    encoding: "utf8",
  });
  const url = line.stdout.trim().replace(/^DATABASE_URL=/, "");
  if (!url.startsWith("postgres")) throw new Error(`PostgreSQL did not start: ${line.stderr}`);
  return { url, close: () => void spawnSync("bash", ["scripts/pg-throwaway.sh", "stop", url], { cwd: root }) };
}

async function main() {
  const dbLabel = DB === "sqlite" ? "SQLite" : "PostgreSQL";
  console.log(
    `bench:checkout — node ${process.version}, ${os.cpus().length} CPUs, ${dbLabel}, N = ${N} flows per wallet per level after ${WARMUP} warm-up flows per wallet`,
  );
  console.log(`load average at start: ${loadAverage()}`);
  if (!buildIsCurrent(root)) {
    console.log("building the app (next build)…");
    run("npx", ["next", "build"], { ...process.env, ...appEnv("file:./data/unused.db", "whsec_build") });
    recordBuild(root);
  }
  const db = await databaseUrl();
  try {
    run("npx", ["tsx", "scripts/db-migrate.ts"], { ...process.env, DATABASE_URL: db.url });
    console.log("server-action level…");
    const actions = await serverActionLevel(db.url);
    console.log("HTTP level (production build)…");
    const http = await httpLevel(db.url);

    console.log(`\n### Server-action level (ms; ours = wall − that step's own Stripe time)\n`);
    actionTable(actions.samples).forEach((line) => console.log(line));
    console.log(`\n### HTTP level through Next (ms, wall time per request) beside the server-action level\n`);
    httpTable(http.samples, actions.samples).forEach((line) => console.log(line));
    console.log("");
    console.log(summary("server-action level", actions));
    console.log(summary("HTTP level", http));
    console.log(
      `Stripe calls at the server-action level (this process): ${stripeCalls.inSteps} in flow steps, ${stripeCalls.outsideSteps} outside any step (webhook worker), ${stripeCalls.afterStepEnded} after their step had returned`,
    );
    console.log(`load average at end: ${loadAverage()}`);
  } finally {
    db.close();
  }
}

runBenchmark(main);
