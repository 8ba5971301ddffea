/**
 * `npm run bench:checkout [-- N]`: drives N complete subscribe flows per wallet at
 * the server-action level against an in-process emulator and a fresh SQLite file,
 * and prints per-step latency (p50/p95) of our server code beside the time spent
 * waiting on the emulator (measured from the SDK's own response events).
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { startHarness } from "../test/support/harness";

const root = path.resolve(import.meta.dirname, "..");
const runs = Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 20);
const dbFile = path.join(root, "data", "bench.db");
rmSync(dbFile, { force: true });
process.env.DATABASE_URL = `file:./data/bench.db`;
// Every flow comes from one address: measure checkout, not the rate limiter's refusals.
process.env.RATE_LIMIT_CONSENT_PER_IP ??= "1000000";
const migrate = spawnSync("npx", ["tsx", "scripts/db-migrate.ts"], { cwd: root, stdio: "ignore", env: process.env });
if (migrate.status !== 0) throw new Error("migration failed");

const { BROWSER, paymentReturnParams } = await import("../test/support/flows");
const { uniqueEmail } = await import("../test/support/harness");
const { startWalletSetup } = await import("../lib/billing/start-wallet-setup");
const { completeWalletSetup } = await import("../lib/billing/complete-wallet-setup");
const { ensureCatalogue } = await import("../lib/catalogue/ensure-catalogue");
const { CURRENT_TERMS_VERSION } = await import("../lib/mandate/terms");
const { clickWalletButton } = await import("../test/support/redirect-page");
const { subscribeWithConsent } = await import("../lib/billing/subscribe");
const { completeFirstPayment } = await import("../lib/billing/payment-return");
const { stripe } = await import("../lib/stripe/server");

const h = await startHarness({ webhooks: true });
let stripeMs = 0;
stripe().on("response", (event: { elapsed: number }) => {
  stripeMs += event.elapsed;
});

type Sample = { total: number; stripe: number };
const samples = new Map<string, Sample[]>();

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  stripeMs = 0;
  const started = performance.now();
  const result = await work();
  const total = performance.now() - started;
  samples.set(name, [...(samples.get(name) ?? []), { total, stripe: stripeMs }]);
  return result;
}

const prices = await ensureCatalogue(h.sdk);
const priceOf = { amazon_pay: "stock_photos_monthly_usd", kakao_pay: "stock_photos_monthly_krw" } as const;
const wallStart = performance.now();
for (let i = 0; i < runs; i++) {
  for (const wallet of ["amazon_pay", "kakao_pay"] as const) {
    const price = prices.find((p) => p.lookup_key === priceOf[wallet])!;
    const form = {
      submissionId: crypto.randomUUID(),
      email: uniqueEmail("bench"),
      wallet,
      locale: "en" as const,
      termsVersion: CURRENT_TERMS_VERSION.subscription,
      plan: { priceId: price.id, amountLabel: "x" },
    };
    const started = await step(`${wallet}: consent + customer + SetupIntent`, () => startWalletSetup(form, BROWSER));
    if (!started.ok || !("redirectUrl" in started.next)) throw new Error(JSON.stringify(started));
    const back = await clickWalletButton(started.next.redirectUrl, "Authorize test setup");
    const view = await step(`${wallet}: setup return (verify + record)`, () =>
      completeWalletSetup(
        {
          consentId: started.consentId,
          setupIntentId: back.searchParams.get("setup_intent")!,
          clientSecret: back.searchParams.get("setup_intent_client_secret")!,
        },
        started.customerId,
      ),
    );
    if (view.kind !== "record" || view.status !== "active") throw new Error(JSON.stringify(view));
    const consentId = started.consentId;
    const outcome = await step(`${wallet}: create subscription`, () => subscribeWithConsent(consentId));
    if (outcome.kind !== "subscription") throw new Error(JSON.stringify(outcome));
    if (wallet === "kakao_pay" && outcome.payment.kind === "redirect") {
      const redirectUrl = outcome.payment.redirectUrl;
      const location = await clickWalletButton(redirectUrl, "Authorize test payment");
      const view = await step(`${wallet}: first payment return`, () =>
        completeFirstPayment(paymentReturnParams(location), null),
      );
      if (view.kind !== "subscription" || view.status !== "active") throw new Error(JSON.stringify(view));
    }
  }
}
const wallMs = performance.now() - wallStart;

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
console.log(`bench:checkout — ${runs} flows per wallet, SQLite, emulator in-process (ms)`);
console.log(
  "step".padEnd(44),
  "ours p50".padStart(9),
  "ours p95".padStart(9),
  "emulator p50".padStart(13),
  "emulator p95".padStart(13),
);
for (const [name, list] of samples) {
  const ours = list.map((s) => s.total - s.stripe);
  const emu = list.map((s) => s.stripe);
  console.log(
    name.padEnd(44),
    pct(ours, 50).toFixed(1).padStart(9),
    pct(ours, 95).toFixed(1).padStart(9),
    pct(emu, 50).toFixed(1).padStart(13),
    pct(emu, 95).toFixed(1).padStart(13),
  );
}
console.log(`total: ${runs * 2} subscriptions in ${(wallMs / 1000).toFixed(1)} s`);
await h.close();
process.exit(0);
