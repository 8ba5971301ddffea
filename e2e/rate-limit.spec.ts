import path from "node:path";
import Database from "better-sqlite3";
import { expect, type Page } from "@playwright/test";
import { ja } from "../lib/i18n/messages/ja";
import { test } from "./csp-watch";
import { emulator, localeContext, uniqueEmail } from "./support";

/** RATE_LIMIT_CONSENT_PER_EMAIL of the server under test (playwright.config.ts). */
const PER_EMAIL = 10;
const e2eDb = path.resolve(import.meta.dirname, "..", "data", "e2e.db");

test.describe.configure({ timeout: 240_000 });

function consentsOf(email: string): number {
  const database = new Database(e2eDb, { readonly: true });
  try {
    const row = database
      .prepare(`SELECT count(*) AS n FROM MandateConsent c JOIN Customer u ON u.id = c.customerId WHERE u.email = ?`)
      .get(email) as { n: number };
    return row.n;
  } finally {
    database.close();
  }
}

async function stripeObjectsOf(email: string) {
  const customers = (await emulator.customers.list({ email, limit: 100 })).data;
  let setupIntents = 0;
  for (const customer of customers)
    setupIntents += (await emulator.setupIntents.list({ customer: customer.id, limit: 100 })).data.length;
  return { customers: customers.length, setupIntents };
}

/** The consent form as a browser without script sends it: a plain form post to /save, answered by a full page. */
async function submitConsent(page: Page, email: string) {
  await page.goto("/save");
  const field = page.getByLabel(/メール/);
  // After the first submission the browser is signed in to the new account: the address is shown, read-only.
  if (await field.isEditable()) await field.fill(email);
  await page.getByRole("radio", { name: "Amazon Pay" }).check();
  await page.getByRole("checkbox").check();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/save"),
    page.getByRole("button", { name: /進む|Wallet/i }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

test("a consent burst past the per-email limit answers 429 over HTTP, in Japanese (in the form with script on), and creates nothing", async ({
  browser,
}) => {
  const context = await localeContext(browser, "ja", { javaScriptEnabled: false });
  const page = await context.newPage();
  const email = uniqueEmail("e2e-burst");
  for (let i = 0; i < PER_EMAIL; i++) {
    const response = await submitConsent(page, email);
    expect(response.status(), `submission ${i + 1} is within the limit`).toBeLessThan(400);
  }
  const before = { consents: consentsOf(email), stripe: await stripeObjectsOf(email) };
  expect(before.consents).toBe(PER_EMAIL);
  expect(before.stripe).toEqual({ customers: 1, setupIntents: PER_EMAIL });

  for (let i = 0; i < 3; i++) {
    const response = await submitConsent(page, email);
    expect(response.status()).toBe(429);
    expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
    const html = await response.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).not.toMatch(/at \w+ \(|Error:/);
    await expect(page.getByRole("heading", { name: ja.rateLimitedTitle })).toBeVisible();
    // A way on: the page links back to the site.
    await expect(page.getByRole("link", { name: ja.appName })).toBeVisible();
  }
  // The refused submissions wrote nothing here and created nothing at Stripe.
  expect(consentsOf(email)).toBe(before.consents);
  expect(await stripeObjectsOf(email)).toEqual(before.stripe);

  // With script on (the same signed-in customer), the form itself says so and nothing is created either.
  const scripted = await localeContext(browser, "ja", { storageState: await context.storageState() });
  await context.close();
  const form = await scripted.newPage();
  await form.goto("/save");
  await form.getByRole("radio", { name: "Amazon Pay" }).check();
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: /進む|Wallet/i }).click();
  await expect(form.getByText(ja.errorRateLimited)).toBeVisible();
  await expect(form.getByRole("button", { name: /進む|Wallet/i })).toBeEnabled();
  expect(consentsOf(email)).toBe(before.consents);
  expect(await stripeObjectsOf(email)).toEqual(before.stripe);
  await scripted.close();

  // Signed out, the same used-up email: refused before a sign-in code is sent for it.
  const stranger = await localeContext(browser, "ja");
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/save");
  await strangerPage.getByLabel(/メール/).fill(email);
  await strangerPage.getByRole("radio", { name: "Amazon Pay" }).check();
  await strangerPage.getByRole("checkbox").check();
  await strangerPage.getByRole("button", { name: /進む|Wallet/i }).click();
  await expect(strangerPage.getByText(ja.errorRateLimited)).toBeVisible();
  await expect(strangerPage.getByLabel(ja.signInCodeLabel)).toHaveCount(0);
  await stranger.close();
});
