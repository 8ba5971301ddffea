/**
 * `npm start`: the whole product on one machine. Migrates the database, starts
 * the local Stripe emulator (unless real Stripe keys are set) with its state
 * kept in LOCAL_STATE_DIR, seeds the plans, wires the webhook endpoint (once),
 * starts the local mail catcher (unless SMTP_URL is set), builds the app when
 * its sources changed, and serves it. Ctrl-C stops everything; the next start
 * finds the same customers, subscriptions, secrets and inbox.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import Stripe from "stripe";
import { startEmulator } from "../emulator/server";
import { ensureCatalogue } from "../lib/catalogue/ensure-catalogue";
import { buildIsCurrent, recordBuild } from "./lib/build-stamp";
import { localStatePaths, loadSecrets, saveSecrets } from "./lib/local-state";
import { startMailCatcher, type MailCatcher } from "./lib/mail-catcher";
import { ensureWebhookEndpoint } from "./lib/webhook-endpoint";

const root = path.resolve(import.meta.dirname, "..");
const appPort = Number(process.env.APP_PORT ?? 3000);
const emulatorPort = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);
const appUrl = process.env.APP_URL ?? `http://localhost:${appPort}`;
const databaseUrl = process.env.DATABASE_URL ?? "file:./data/app.db";
const realStripe = Boolean(process.env.STRIPE_SECRET_KEY);
const mailSmtpPort = Number(process.env.MAIL_SMTP_PORT ?? 1025);
const mailWebPort = Number(process.env.MAIL_WEB_PORT ?? 1080);
const state = localStatePaths(root);

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
    rmSync(state.dir, { recursive: true, force: true });
  }
  run("npx", ["tsx", "scripts/db-migrate.ts"], { ...process.env, DATABASE_URL: databaseUrl });

  // Generated once and kept in LOCAL_STATE_DIR: a restart keeps everyone signed in.
  const secrets = loadSecrets(state);
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    APP_URL: appUrl,
    // better-auth signs session cookies with it (kept in the local state, so restarts keep customers signed in).
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? secrets.betterAuthSecret,
  };

  // Without SMTP_URL, mail goes to the local catcher (it starts while the emulator does).
  const mailStarting = process.env.SMTP_URL
    ? undefined
    : startMailCatcher({ smtpPort: mailSmtpPort, webPort: mailWebPort, mailDirectory: state.mailDirectory });

  let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
  if (realStripe) {
    if (!process.env.STRIPE_WEBHOOK_SECRET) {
      console.error("STRIPE_WEBHOOK_SECRET is required with real Stripe keys (from the Dashboard or `stripe listen`).");
      process.exit(1);
    }
  } else {
    emulator = await startEmulator({
      port: emulatorPort,
      stateFile: state.emulatorState,
      accountName: "Lumen Stock Photos",
    });
    console.log(`Stripe emulator: ${emulator.url}  (state: ${path.relative(root, state.emulatorState)})`);
    const sdk = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: emulator.port, protocol: "http" });
    await ensureCatalogue(sdk);
    secrets.webhookEndpoint = await ensureWebhookEndpoint(
      sdk,
      `${appUrl}/api/webhooks/stripe`,
      secrets.webhookEndpoint,
    );
    saveSecrets(state, secrets);
    appEnv.STRIPE_EMULATOR_URL = `http://127.0.0.1:${emulator.port}`;
    appEnv.STRIPE_EMULATOR_PUBLIC_URL = emulator.url;
    appEnv.STRIPE_WEBHOOK_SECRET = secrets.webhookEndpoint.secret;
  }

  const mail: MailCatcher | undefined = await mailStarting;
  const inboxUrl = mail?.inboxUrl.replace("127.0.0.1", "localhost");
  if (mail) {
    appEnv.SMTP_URL = mail.smtpUrl;
    console.log(`Mail catcher: every email the app sends lands in ${inboxUrl}`);
  }

  // Local mode's first start: a demo admin and its one-time sign-in link, printed once.
  if (!realStripe) run("npx", ["tsx", "scripts/admin-create.ts", "--demo"], appEnv);

  if (!buildIsCurrent(root)) {
    run("npx", ["next", "build"], appEnv);
    recordBuild(root);
  }

  // scripts/serve.ts: `next start` plus the socket's address in X-Forwarded-For (see lib/http/client-ip.ts).
  // Node runs it directly (no npx shell in between), so stopping it stops the server.
  const next = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...appEnv, APP_PORT: String(appPort) },
  });
  next.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (chunk.toString().includes("Ready")) {
      console.log(
        `\n  App ready at ${appUrl}  (${((Date.now() - started) / 1000).toFixed(1)} s)${realStripe ? "  [real Stripe]" : "  [local emulator]"}` +
          (inboxUrl ? `\n  Inbox (every email sent) at ${inboxUrl}\n` : "\n"),
      );
    }
  });

  // Next first (no request half-way), then the emulator (its state file is flushed on close), then the mail catcher.
  let stopping = false;
  const shutdown = async (code: number) => {
    await emulator?.close();
    await mail?.stop();
    process.exit(code);
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (next.exitCode !== null || next.signalCode !== null) return void shutdown(0);
    next.once("exit", () => void shutdown(0));
    next.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  next.on("exit", (code) => {
    if (!stopping) void shutdown(code ?? 1);
  });
}

if (!existsSync(path.join(root, "node_modules"))) {
  console.error("Dependencies are missing: run `npm ci` first.");
  process.exit(1);
}
void main();
