import { expect } from "@playwright/test";
import { de } from "../lib/i18n/messages/de";
import { en } from "../lib/i18n/messages/en";
import { ja } from "../lib/i18n/messages/ja";
import { test } from "./csp-watch";
import { emulator, uniqueEmail } from "./support";

const HUGE = "x".repeat(1024 * 1024);

test("a 1 MB form post gets a 413 page in the reader's language, not a 500", async ({ request }) => {
  for (const [language, t] of [
    ["ja-JP,ja;q=0.9", ja],
    ["de-DE", de],
  ] as const) {
    const response = await request.post("/save", {
      headers: { "Accept-Language": language, "Next-Action": "0".repeat(42) },
      multipart: { email: "someone@example.com", termsVersion: HUGE },
    });
    expect(response.status()).toBe(413);
    const html = await response.text();
    expect(html).toContain(t.tooLargeTitle);
    expect(html).toContain(t.tooLargeBody);
    expect(html).not.toMatch(/Body exceeded|at \w+ \(/);
  }
});

test("a consent form with a 1 MB field: a clear message and a way on, nothing created", async ({ page }) => {
  const email = uniqueEmail("e2e-huge");
  await page.goto("/save");
  await page.getByLabel(/email/i).fill(email);
  await page.getByRole("checkbox").check();
  // What a script or a tampered page could send: the browser itself keeps the email to 254 characters.
  await page.locator('input[name="termsVersion"]').evaluate((input, value) => {
    (input as HTMLInputElement).value = value;
  }, HUGE);
  await page.getByRole("button", { name: /continue/i }).click();
  await expect(page.getByRole("alert").getByRole("heading", { name: en.errorPageTitle })).toBeVisible();
  await expect(page.getByRole("button", { name: en.tryAgain })).toBeVisible();
  await expect(page.getByRole("link", { name: en.appName }).last()).toBeVisible();
  expect((await emulator.customers.list({ email })).data).toHaveLength(0);
});
