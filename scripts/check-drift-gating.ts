/**
 * `npm run test:drift-gating`: proves the drift check's gating without a Stripe
 * account. It runs the integration suite configured exactly as for Stripe's
 * test mode (a `sk_test_` key, the publishable key, a webhook secret from a
 * registered endpoint, STRIPE_API_BASE) but pointed at the local emulator
 * behind a recording proxy, then fails if any request reached an
 * emulator-only endpoint (`/_emulator/*`), if the suite failed, or if nothing
 * was skipped (a gate that never closes proves nothing).
 */
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Stripe from "stripe";
import { startEmulator } from "../emulator/server";

const root = path.resolve(import.meta.dirname, "..");
const databaseUrl = "file:./data/drift-gating.db";

/** Forwards everything to the emulator and remembers each request's method and path. */
function recordingProxy(seen: string[]): { server: Server; forwardTo(port: number): void } {
  let target = 0;
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${new URL(req.url ?? "/", "http://proxy").pathname}`);
    const upstream = request(
      { host: "127.0.0.1", port: target, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return { server, forwardTo: (port) => (target = port) };
}

function listenOn(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listenOn(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function runSuite(files: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  const args = ["--import", "tsx", "--test", "--test-reporter=spec", "--test-timeout=120000", "--test-concurrency=1"];
  const child = spawn("node", [...args, ...files], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, output })));
}

async function main(): Promise<number> {
  const seen: string[] = [];
  const proxy = recordingProxy(seen);
  const proxyPort = await listenOn(proxy.server);
  const apiBase = `http://127.0.0.1:${proxyPort}`;
  const emulator = await startEmulator({ port: 0, publicUrl: apiBase, webhookRetryBaseMs: 50 });
  proxy.forwardTo(emulator.port);

  // What a developer does in the Dashboard (or with `stripe listen`): an endpoint and its secret.
  const webhookPort = await freePort();
  const admin = new Stripe("sk_test_drift_gating", { host: "127.0.0.1", port: proxyPort, protocol: "http" });
  const endpoint = await admin.webhookEndpoints.create({
    url: `http://127.0.0.1:${webhookPort}/api/webhooks/stripe`,
    enabled_events: ["*"],
  });

  rmSync(path.join(root, "data", "drift-gating.db"), { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    STRIPE_SECRET_KEY: "sk_test_drift_gating",
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_test_drift_gating",
    STRIPE_API_BASE: apiBase,
    STRIPE_WEBHOOK_SECRET: endpoint.secret!,
    STRIPE_TEST_CLOCKS: "1",
    INTEGRATION_WEBHOOK_PORT: String(webhookPort),
  };
  delete env.STRIPE_EMULATOR_URL;
  const migrated = spawnSync("node", ["--import", "tsx", "scripts/db-migrate.ts"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  if (migrated.status !== 0) return 1;

  // Files named on the command line narrow the run (for debugging one suite).
  const named = process.argv.slice(2);
  const files = named.length
    ? named
    : readdirSync(path.join(root, "test", "integration"))
        .filter((name) => name.endsWith(".test.ts"))
        .sort()
        .map((name) => path.join("test", "integration", name));
  // Asynchronously: the proxy and the emulator answer from this process's event loop.
  const suite = await runSuite(files, env);
  await emulator.close();
  await new Promise((resolve) => proxy.server.close(resolve));

  const output = suite.output.replace(/\x1b\[[0-9;]*m/g, "");
  // The spec reporter lists a skip twice (in place and in the summary): count each once.
  const skipped = [
    ...new Set(
      output
        .split("\n")
        .filter((line) => /# needs /.test(line))
        .map((line) => line.trim()),
    ),
  ];
  // The emulator's controls, and its 3D Secure page's answer endpoints (Stripe's own page needs a browser).
  const controlHits = seen.filter((line) => /^\/(_emulator|3ds)\//.test(line.split(" ")[1]!));
  const apiCalls = seen.filter((line) => line.split(" ")[1]!.startsWith("/v1/")).length;

  console.log("\n== drift-check gating (configured as real Stripe, pointed at the emulator)");
  console.log(`Stripe API calls made: ${apiCalls}`);
  console.log(`skipped, with the reason printed by the suite: ${skipped.length}`);
  for (const line of skipped) console.log(`  ${line}`);
  console.log(`requests to emulator-only endpoints: ${controlHits.length}`);
  for (const line of controlHits) console.log(`  ${line}`);

  const problems: string[] = [];
  if (suite.status !== 0) problems.push(`the suite failed (exit ${suite.status})`);
  if (controlHits.length > 0) problems.push("emulator-only endpoints were called while configured for Stripe");
  if (skipped.length === 0) problems.push("no test was skipped: the gates never closed");
  if (apiCalls === 0) problems.push("no Stripe API call went through the configured STRIPE_API_BASE");
  for (const problem of problems) console.error(`drift gating: ${problem}`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
