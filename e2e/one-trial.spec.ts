import { de } from "../lib/i18n/messages/de";
import { ja } from "../lib/i18n/messages/ja";
import { expect, LOCALES, test, TEST_CARDS, WALLETS } from "./fixtures";
import { ConsentForm } from "./pages/consent-form";
import { PricingPage } from "./pages/pricing-page";
import { signInAsCustomer } from "./support/auth";

test("a second trial for the same customer is refused, in Japanese and in German, and nothing is created", async ({
  browser,
  pricing,
  consentForm,
  account,
  emulator,
  email,
}) => {
  await pricing.openCheckout("usd", { card: "trial" });
  await consentForm.consent({ email, card: TEST_CARDS.succeeds });
  await expect(account.page.getByTestId("pending-setup")).toHaveAttribute("data-step", "done", { timeout: 20_000 });
  // Canceled: the plan is free again, the trial is spent.
  await account.goto();
  await account.cancelNow();
  await expect(account.subscription()).toHaveAttribute("data-status", "canceled");

  for (const [locale, t] of [
    [LOCALES.ja, ja],
    [LOCALES.de, de],
  ] as const) {
    const context = await browser.newContext(locale);
    const page = await context.newPage();
    // The same customer, signed in on another device: the account, not a typed email, is what holds the trial.
    await signInAsCustomer(page, email);
    await new PricingPage(page).openCheckout("usd", { card: "trial" });
    await new ConsentForm(page).consent({ email, card: TEST_CARDS.succeeds });
    await expect(page.locator("p[role=alert]")).toHaveText(t.errorTrialUsed);
    await context.close();
  }
  const customer = await emulator.customerByEmail(email);
  expect((await emulator.sdk.subscriptions.list({ customer: customer.id, status: "all" })).data).toHaveLength(1);
});

test("a second tab of the same plan is told it is already active, with a link to the account", async ({
  pricing,
  consentForm,
  account,
  email,
}) => {
  await signInAsCustomer(account.page, email);
  for (let tab = 0; tab < 2; tab++) {
    await pricing.openCheckout("usd", { card: "trial" });
    await consentForm.consent({ email, card: TEST_CARDS.succeeds });
  }
  const alert = account.page.locator("p[role=alert]");
  await expect(alert).toContainText("You already have this plan");
  await alert.getByRole("link", { name: "Go to your account" }).click();
  await expect(account.page.getByTestId("subscription")).toHaveCount(1);
});

test("a forged X-Forwarded-For does not reach the mandate's evidence", async ({ browser, emulator, email }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "6.6.6.6" } });
  const page = await context.newPage();
  await page.goto("/save");
  // Kakao Pay is confirmed on the server: the forged header only ever reaches our app.
  await new ConsentForm(page).consent({ email, wallet: WALLETS.kakaoPay });
  await page.getByRole("button", { name: "Authorize test setup" }).click();
  await expect(page.getByTestId("setup-result")).toBeVisible();

  const customer = await emulator.customerByEmail(email);
  const [intent] = (await emulator.sdk.setupIntents.list({ customer: customer.id })).data;
  const ip = (await emulator.sdk.mandates.retrieve(intent!.mandate as string)).customer_acceptance.online?.ip_address;
  expect(ip).not.toBe("6.6.6.6");
  expect(ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  await context.close();
});
