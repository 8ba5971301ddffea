import { expect, type Browser, type Page } from "@playwright/test";
import { test } from "./csp-watch";
import { de } from "../lib/i18n/messages/de";
import { ja } from "../lib/i18n/messages/ja";
import { emulator, uniqueEmail } from "./support";

const TRIAL = "/subscribe/stock_photos_monthly_usd?method=card&offer=trial_14d";

async function submitTrial(page: Page, email: string, labels: { email: string; submit: string }) {
  await page.goto(TRIAL);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel("Card number").last().fill("4242424242424242");
  await page.getByLabel("Expiration date").last().fill("12 / 34");
  await page.getByLabel("CVC").last().fill("123");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: labels.submit }).click();
}

async function inLocale(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale, extraHTTPHeaders: { "Accept-Language": locale } });
  return { context, page: await context.newPage() };
}

test("a second trial for the same customer is refused, in Japanese and in German, and nothing is created", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("e2e-trial-once");
  await submitTrial(page, email, { email: "Email", submit: "Agree and start" });
  await expect(page.getByTestId("pending-setup")).toHaveAttribute("data-step", "done", { timeout: 20_000 });
  // Canceled: the plan is free again, the trial is spent.
  await page.goto("/account");
  await page.getByTestId("subscription").getByRole("button", { name: "Cancel now" }).click();
  await expect(page.getByTestId("subscription")).toHaveAttribute("data-status", "canceled");

  for (const [locale, t] of [
    ["ja-JP", ja],
    ["de-DE", de],
  ] as const) {
    const { context, page: other } = await inLocale(browser, locale);
    await submitTrial(other, email, { email: t.email, submit: t.cardSubmit });
    await expect(other.locator("p[role=alert]")).toHaveText(t.errorTrialUsed);
    await context.close();
  }
  const [customer] = (await emulator.customers.list({ email })).data;
  const subscriptions = await emulator.subscriptions.list({ customer: customer!.id, status: "all" });
  expect(subscriptions.data).toHaveLength(1);
});

test("a second tab of the same plan is told it is already active, with a link to the account", async ({ page }) => {
  const email = uniqueEmail("e2e-two-tabs");
  await submitTrial(page, email, { email: "Email", submit: "Agree and start" });
  await expect(page.getByTestId("pending-setup")).toHaveAttribute("data-step", "done", { timeout: 20_000 });
  await submitTrial(page, email, { email: "Email", submit: "Agree and start" });
  const alert = page.locator("p[role=alert]");
  await expect(alert).toContainText("You already have this plan");
  await alert.getByRole("link", { name: "Go to your account" }).click();
  await expect(page.getByTestId("subscription")).toHaveCount(1);
});

test("a forged X-Forwarded-For does not reach the mandate's evidence", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "6.6.6.6" } });
  const page = await context.newPage();
  const email = uniqueEmail("e2e-forged-ip");
  await page.goto("/save");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("radio", { name: "Amazon Pay" }).check();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: /continue/i }).click();
  await page.getByRole("button", { name: "Authorize test setup" }).click();
  await expect(page.getByTestId("setup-result")).toBeVisible();

  const [customer] = (await emulator.customers.list({ email })).data;
  const [intent] = (await emulator.setupIntents.list({ customer: customer!.id })).data;
  const mandate = await emulator.mandates.retrieve(intent!.mandate as string);
  const ip = mandate.customer_acceptance.online?.ip_address;
  expect(ip).not.toBe("6.6.6.6");
  expect(ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  await context.close();
});
