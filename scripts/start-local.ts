/**
 * `npm start`: the whole product on one machine. Migrates the database, starts
 * the local Stripe emulator (unless real Stripe keys are set), seeds the plans,
 * wires the webhook endpoint, builds the app when its sources changed, and
 * serves it. Ctrl-C stops everything.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import Stripe from "stripe";
import { startEmulator } from "../emulator/server";
import { ensureCatalogue } from "../lib/catalogue/ensure-catalogue";
import { buildIsCurrent, recordBuild } from "./lib/build-stamp";

const root = path.resolve(import.meta.dirname, "..");
const appPort = Number(process.env.APP_PORT ?? 3000);
const emulatorPort = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);
const appUrl = process.env.APP_URL ?? `http://localhost:${appPort}`;
const databaseUrl = process.env.DATABASE_URL ?? "file:./data/app.db";
const realStripe = Boolean(process.env.STRIPE_SECRET_KEY);

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

async function main() {
  const started = Date.now();
  if (process.env.E2E_FRESH_DB === "1" && databaseUrl.startsWith("file:")) {
    rmSync(path.resolve(root, databaseUrl.slice("file:".length)), { force: true });
  }
  run("npx", ["tsx", "scripts/db-migrate.ts"], { ...process.env, DATABASE_URL: databaseUrl });

  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    APP_URL: appUrl,
    // better-auth signs session cookies with it (production: set it; see README).
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? randomBytes(32).toString("hex"),
  };

  let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
  if (realStripe) {
    if (!process.env.STRIPE_WEBHOOK_SECRET) {
      console.error("STRIPE_WEBHOOK_SECRET is required with real Stripe keys (from the Dashboard or `stripe listen`).");
      process.exit(1);
    }
  } else {
    emulator = await startEmulator({ port: emulatorPort });
    console.log(`Stripe emulator: ${emulator.url}`);
    const sdk = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: emulator.port, protocol: "http" });
    await ensureCatalogue(sdk);
    const endpoint = await sdk.webhookEndpoints.create({ url: `${appUrl}/api/webhooks/stripe`, enabled_events: ["*"] });
    appEnv.STRIPE_EMULATOR_URL = `http://127.0.0.1:${emulator.port}`;
    appEnv.STRIPE_EMULATOR_PUBLIC_URL = emulator.url;
    appEnv.STRIPE_WEBHOOK_SECRET = endpoint.secret!;
  }

  // Local mode's first start: a demo admin and its one-time sign-in link, printed once.
  if (!realStripe) run("npx", ["tsx", "scripts/admin-create.ts", "--demo"], appEnv);

  if (!buildIsCurrent(root)) {
    run("npx", ["next", "build"], appEnv);
    recordBuild(root);
  }

  const next = spawn("npx", ["next", "start", "-p", String(appPort)], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: appEnv,
  });
  next.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (chunk.toString().includes("Ready")) {
      console.log(
        `\n  App ready at ${appUrl}  (${((Date.now() - started) / 1000).toFixed(1)} s)${realStripe ? "  [real Stripe]" : "  [local emulator]"}\n`,
      );
    }
  });

  const stop = async () => {
    next.kill("SIGTERM");
    await emulator?.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  next.on("exit", async (code) => {
    await emulator?.close();
    process.exit(code ?? 1);
  });
}

if (!existsSync(path.join(root, "node_modules"))) {
  console.error("Dependencies are missing: run `npm ci` first.");
  process.exit(1);
}
void main();
