import { defineConfig, devices } from "@playwright/test";

// Playwright cannot download browsers offline: it drives the system Chromium
// (apt-get install chromium; scripts/ensure-system-deps.sh), or CHROMIUM_PATH.
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Both overridable so several checkouts can run their suites side by side.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
// e2e/support.ts reads the same variable to reach the emulator directly.
const EMULATOR_PORT = process.env.E2E_EMULATOR_PORT ?? "12199";
// The mail catcher's SMTP and web ports sit next to the app's (e2e/support/inbox.ts reads the web one).
const MAIL_SMTP_PORT = process.env.E2E_MAIL_SMTP_PORT ?? String(APP_PORT + 2);
const MAIL_WEB_PORT = process.env.E2E_MAIL_WEB_PORT ?? String(APP_PORT + 3);

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  // A test is a whole flow (subscribe, authorize, cancel, revoke, with accessibility scans) on a 2-core machine.
  timeout: 60_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${APP_PORT}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            // Keeps Chromium's own background lookups off the network.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npx --no-install tsx scripts/start-local.ts",
    url: `http://localhost:${APP_PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      APP_PORT: String(APP_PORT),
      STRIPE_EMULATOR_PORT: EMULATOR_PORT,
      DATABASE_URL: "file:./data/e2e.db",
      E2E_FRESH_DB: "1",
      LOCAL_STATE_DIR: "data/e2e",
      MAIL_SMTP_PORT,
      MAIL_WEB_PORT,
      MAIL_SWEEP_MS: "1000",
      MAIL_RETRY_BASE_MS: "1000",
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      // The specs reuse Stripe's test cards for many customers' trials (one trial per customer still holds).
      TRIAL_ONCE_PER_CARD: "0",
      // Every browser of the suite comes from 127.0.0.1: per-IP sign-in limits would refuse them.
      AUTH_RATE_LIMIT: "0",
      // Every spec submits from 127.0.0.1: room for the whole suite (the limits have their own integration test).
      RATE_LIMIT_CONSENT_PER_IP: "100000",
      // Every spec uses a fresh email; e2e/rate-limit.spec.ts goes past this one.
      RATE_LIMIT_CONSENT_PER_EMAIL: "10",
    },
  },
});
