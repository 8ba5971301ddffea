/** `npm run emulator`: runs the emulator until SIGINT/SIGTERM. */
import { startEmulator } from "./server.js";

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}

const port = intFromEnv("STRIPE_EMULATOR_PORT", 12111);
const emulator = await startEmulator({
  port,
  host: process.env.STRIPE_EMULATOR_HOST || undefined,
  publicUrl: process.env.STRIPE_EMULATOR_PUBLIC_URL || undefined,
  stateFile: process.env.STRIPE_EMULATOR_STATE_FILE || undefined,
  webhookRetryBaseMs: intFromEnv("STRIPE_EMULATOR_WEBHOOK_RETRY_MS", 1000),
  accountName: process.env.STRIPE_EMULATOR_ACCOUNT_NAME || undefined,
  webhookConcurrency: intFromEnv("STRIPE_EMULATOR_WEBHOOK_CONCURRENCY", 4),
}).catch((err: NodeJS.ErrnoException) => {
  const reason = err.code === "EADDRINUSE" ? `port ${port} is already in use` : err.message;
  console.error(`Stripe emulator could not start: ${reason}`);
  process.exit(1);
});
console.log(`Stripe emulator listening on ${emulator.url}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await emulator.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
