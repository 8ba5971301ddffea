import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { test } from "./csp-watch";
import { startMailCatcher, type MailCatcher } from "../scripts/lib/mail-catcher";
import { uniqueEmail } from "./support";

/**
 * `npm start` (scripts/start-local.ts) run by this spec on its own ports, next
 * to the suite's server: its mail server is down at first, and it is stopped
 * and started again half-way.
 */
const root = path.resolve(import.meta.dirname, "..");
const base = Number(process.env.E2E_RESTART_APP_PORT ?? Number(process.env.E2E_APP_PORT ?? 3100) + 4);
const ports = { app: base, emulator: base + 1, smtp: base + 2, web: base + 3 };
const appUrl = `http://localhost:${ports.app}`;

async function launch(fresh: boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start-local.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      APP_PORT: String(ports.app),
      STRIPE_EMULATOR_PORT: String(ports.emulator),
      DATABASE_URL: "file:./data/e2e-restart.db",
      LOCAL_STATE_DIR: "data/e2e-restart",
      E2E_FRESH_DB: fresh ? "1" : "0",
      // The mail server the app sends to; this spec decides when something listens there.
      SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
      MAIL_SWEEP_MS: "500",
      MAIL_RETRY_BASE_MS: "500",
      MAIL_RETRY_MAX_MS: "2000",
    },
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${appUrl}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

async function inbox(catcher: MailCatcher, to: string) {
  const emails = (await (await fetch(`${catcher.inboxUrl}/email`)).json()) as {
    subject: string;
    to: { address: string }[];
  }[];
  return emails.filter((email) => email.to.some((r) => r.address === to)).map((email) => email.subject);
}

let launcher: ChildProcess | undefined;
let catcher: MailCatcher | undefined;
test.afterAll(async () => {
  await stop(launcher);
  await catcher?.stop();
});

async function expectSubscribed(page: Page) {
  await page.goto(`${appUrl}/account`);
  const subscription = page.getByTestId("subscription");
  await expect(subscription).toHaveAttribute("data-status", "active");
  await expect(page.getByTestId("mandate")).toHaveAttribute("data-status", "active");
  return subscription;
}

test("a mail outage delays mail without breaking a subscribe, and a restart keeps the customer signed in with everything intact", async ({
  page,
}) => {
  test.setTimeout(300_000);
  launcher = await launch(true);

  // Nothing listens on the SMTP port: the subscribe still goes through.
  const email = uniqueEmail("restart");
  await page.goto(`${appUrl}/subscribe/stock_photos_monthly_usd?wallet=amazon_pay`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Agree and subscribe" }).click();
  await page.getByRole("button", { name: "Authorize test setup" }).click();
  await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");
  const reference = await (await expectSubscribed(page)).getByText(/^sub_/).innerText();

  // The mail server comes back: the queued messages are retried and arrive, once each.
  catcher = await startMailCatcher({ smtpPort: ports.smtp, webPort: ports.web });
  await expect.poll(() => inbox(catcher!, email), { timeout: 30_000 }).toHaveLength(2);
  expect((await inbox(catcher, email)).sort()).toEqual([
    expect.stringMatching(/^Your Amazon Pay payment authorization/),
    expect.stringMatching(/^Your Lumen Stock Photos receipt: \$15\.00/),
  ]);

  // Restart npm start: same database, same emulator state, same secrets.
  await stop(launcher);
  launcher = await launch(false);

  // Still signed in (same cookie), the same subscription, and its Stripe objects still exist:
  // advancing the customer's test clock renews it under the same mandate.
  const subscription = await expectSubscribed(page);
  await expect(subscription.getByText(/^sub_/)).toHaveText(reference);
  await page.getByTestId("dev-clock").getByRole("button", { name: "+31 days" }).click();
  await expect(page.getByRole("status")).toContainText("test clock moved forward");
  await expect(subscription.getByTestId("charges").locator("li[data-off-session=true][data-status=paid]")).toHaveCount(
    1,
  );

  // The renewal receipt arrives; nothing sent before the restart is sent again.
  await expect.poll(() => inbox(catcher!, email), { timeout: 30_000 }).toHaveLength(3);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(await inbox(catcher, email)).toHaveLength(3);
});
