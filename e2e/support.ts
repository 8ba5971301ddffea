import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import Stripe from "stripe";

/** The emulator the app under test talks to (see playwright.config.ts). */
export const emulator = new Stripe("sk_test_e2e", {
  host: "127.0.0.1",
  port: Number(process.env.E2E_EMULATOR_PORT ?? 12199),
  protocol: "http",
});

export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
}

/** Fills the consent form and sends it; the browser ends up on the wallet's page. */
export async function consentToWallet(page: Page, options: { email: string; wallet: "Amazon Pay" | "Kakao Pay" }) {
  await page.goto("/save");
  await page.getByLabel(/email|メール|이메일|E-Mail/i).fill(options.email);
  await page.getByRole("radio", { name: options.wallet }).check();
  await expect(page.getByTestId("mandate-terms")).toContainText(options.wallet);
  await expectAccessible(page, `save form (${options.wallet})`);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: /continue|進む|이동|Wallet/i }).click();
}

/**
 * Accessibility check of the page as it is now (axe-core, WCAG 2.x A/AA rules):
 * fails the test with the violations listed. Call it at each page state a spec visits.
 */
export async function expectAccessible(page: Page, label = "") {
  const { AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found, `axe on ${label || page.url()}`).toEqual([]);
}

/** A browser context whose reader prefers `locale` (Accept-Language and navigator.language). */
export function localeContext(
  browser: Browser,
  locale: "en" | "ja" | "ko" | "de",
  options: BrowserContextOptions = {},
) {
  const tag = { en: "en-US", ja: "ja-JP", ko: "ko-KR", de: "de-DE" }[locale];
  return browser.newContext({
    locale: tag,
    extraHTTPHeaders: { "Accept-Language": `${tag},${locale};q=0.9` },
    ...options,
  });
}

/** A card trial started in the page (seed 003), as a customer types it. */
export async function startCardTrial(page: Page, card: string, email = uniqueEmail("e2e-card")) {
  await page.goto("/subscribe/stock_photos_monthly_usd?method=card&offer=trial_14d");
  await page.getByLabel(/email|メール|이메일|E-Mail/i).fill(email);
  await page.getByLabel("Card number").fill(card);
  await page.getByLabel("Expiration date").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("checkbox").check();
  await expectAccessible(page, "card trial form");
  await page.locator("main form button.primary").click();
  await expect(page.getByTestId("pending-setup")).toHaveAttribute("data-step", "done", { timeout: 20_000 });
  return email;
}
