import { expect, type Page } from "@playwright/test";
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
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: /continue|進む|이동|Wallet/i }).click();
}
