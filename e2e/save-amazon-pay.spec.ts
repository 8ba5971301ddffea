import { expect, test, type Browser, type Page } from "@playwright/test";
import { emulator, uniqueEmail } from "./support";

/** Fills the /save consent form for Amazon Pay (the page's default wallet) and ticks the consent. */
async function fillSaveForm(page: Page, email: string) {
  await page.goto("/save");
  await page.getByLabel("Email").fill(email);
  await expect(page.getByRole("radio", { name: "Amazon Pay" })).toBeChecked();
  await page.getByRole("checkbox").check();
}

/** The record on /account: the active mandate with the exact terms agreed to. */
async function expectActiveOnAccount(page: Page, mandateId: string) {
  await page.goto("/account");
  const card = page.getByTestId("mandate").filter({ hasText: mandateId });
  await expect(card).toHaveAttribute("data-status", "active");
  await expect(card).toContainText("Amazon Pay");
  await expect(card.getByTestId("agreed-terms")).toContainText("Amazon Pay");
  const mandate = await emulator.mandates.retrieve(mandateId);
  expect(mandate.status).toBe("active");
  expect(mandate.type).toBe("multi_use");
  expect(mandate.customer_acceptance.online?.user_agent).toContain("Chrome");
}

async function mandateIdOf(page: Page): Promise<string> {
  const result = page.getByTestId("setup-result");
  await expect(result).toHaveAttribute("data-status", "active");
  await expect(result).toContainText("Amazon Pay");
  return (await result.locator("dd", { hasText: "mandate_" }).textContent())!.trim();
}

async function withoutJavaScript(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return { context, page: await context.newPage() };
}

test.describe("Stripe.js (seed 000)", () => {
  test("the browser confirms with confirmAmazonPaySetup; authorized, the mandate is on /account", async ({ page }) => {
    await fillSaveForm(page, uniqueEmail("e2e-stripejs"));
    const confirm = page.waitForRequest((r) => /\/v1\/setup_intents\/seti_\w+\/confirm$/.test(r.url()));
    await page.getByRole("button", { name: "Agree and continue to the wallet" }).click();
    const request = await confirm;
    // The confirmation left the customer's browser with the publishable key and infer_from_client.
    expect(request.postData()).toContain("infer_from_client");
    await page.getByRole("button", { name: "Authorize test setup" }).click();
    await expectActiveOnAccount(page, await mandateIdOf(page));
  });

  test("when Stripe.js cannot load, the page says so in our words and the form can be sent again", async ({ page }) => {
    await page.route("**/js/stripe.js", (route) => route.abort());
    const email = uniqueEmail("e2e-stripejs-blocked");
    await fillSaveForm(page, email);
    const submit = page.getByRole("button", { name: "Agree and continue to the wallet" });
    await submit.click();
    await expect(page.getByText("The wallet could not be opened. Nothing was saved; please try again.")).toBeVisible({
      timeout: 15_000,
    });
    await expect(submit).toBeEnabled();
    await page.unroute("**/js/stripe.js");
    // React resets the form after its action: the customer agrees again.
    await page.getByLabel("Email").fill(email);
    await page.getByRole("checkbox").check();
    await submit.click();
    await page.getByRole("button", { name: "Authorize test setup" }).click();
    await expectActiveOnAccount(page, await mandateIdOf(page));
    expect((await emulator.customers.list({ email })).data).toHaveLength(1);
  });

  test("failed in the wallet, then tried again from the result page", async ({ page }) => {
    const email = uniqueEmail("e2e-stripejs-retry");
    await fillSaveForm(page, email);
    await page.getByRole("button", { name: "Agree and continue to the wallet" }).click();
    await page.getByRole("button", { name: "Fail test setup" }).click();
    await expect(page.getByTestId("setup-result")).toHaveAttribute("data-status", "failed");
    await page.getByRole("link", { name: /try again/i }).click();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Agree and continue to the wallet" }).click();
    await page.getByRole("button", { name: "Authorize test setup" }).click();
    await expectActiveOnAccount(page, await mandateIdOf(page));
  });
});

test.describe("without JavaScript: the server's manual redirect", () => {
  test("the form posts, the server answers with the wallet's page; authorized, the mandate is on /account", async ({
    browser,
  }) => {
    const { context, page } = await withoutJavaScript(browser);
    await fillSaveForm(page, uniqueEmail("e2e-nojs"));
    await page.getByRole("button", { name: "Agree and continue to the wallet" }).click();
    await expect(page.getByRole("button", { name: "Authorize test setup" })).toBeVisible();
    expect(new URL(page.url()).port).toBe(process.env.E2E_EMULATOR_PORT ?? "12199");
    await page.getByRole("button", { name: "Authorize test setup" }).click();
    await expectActiveOnAccount(page, await mandateIdOf(page));
    await context.close();
  });

  test("failed, then tried again, still without JavaScript", async ({ browser }) => {
    const { context, page } = await withoutJavaScript(browser);
    const email = uniqueEmail("e2e-nojs-retry");
    await fillSaveForm(page, email);
    await page.getByRole("button", { name: "Agree and continue to the wallet" }).click();
    await page.getByRole("button", { name: "Fail test setup" }).click();
    await expect(page.getByTestId("setup-result")).toHaveAttribute("data-status", "failed");
    await page.getByRole("link", { name: /try again/i }).click();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Agree and continue to the wallet" }).click();
    await page.getByRole("button", { name: "Authorize test setup" }).click();
    await expectActiveOnAccount(page, await mandateIdOf(page));
    await context.close();
  });

  test("a missing consent tick is refused in the page, without JavaScript too", async ({ browser }) => {
    const { context, page } = await withoutJavaScript(browser);
    const email = uniqueEmail("e2e-nojs-noconsent");
    await page.goto("/save");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Agree and continue to the wallet" }).click();
    await expect(page.getByText("You must agree to the terms to continue.")).toBeVisible();
    expect((await emulator.customers.list({ email })).data).toHaveLength(0);
    await context.close();
  });
});

test.describe("Stripe Checkout in setup mode (seed 001)", () => {
  async function openCheckout(page: Page, email: string) {
    await fillSaveForm(page, email);
    await page.getByRole("button", { name: "Save with Stripe Checkout" }).click();
    await expect(page.getByRole("button", { name: "Save payment method" })).toBeVisible();
    expect(new URL(page.url()).port).toBe(process.env.E2E_EMULATOR_PORT ?? "12199");
  }

  test("complete: the hosted page, the wallet, back on the return page; the mandate is on /account", async ({
    page,
  }) => {
    await openCheckout(page, uniqueEmail("e2e-checkout"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lumen Stock Photos");
    await expect(page.getByRole("radio", { name: "Amazon Pay" })).toBeChecked();
    await page.getByRole("button", { name: "Save payment method" }).click();
    await page.getByRole("button", { name: "Authorize test setup" }).click();
    expect(new URL(page.url()).pathname).toBe("/save/checkout-return");
    await expectActiveOnAccount(page, await mandateIdOf(page));
  });

  test("Back returns to /save with the choice kept and nothing saved", async ({ page }) => {
    const email = uniqueEmail("e2e-checkout-back");
    await openCheckout(page, email);
    await page.getByRole("link", { name: "Back" }).click();
    expect(new URL(page.url()).pathname).toBe("/save");
    await expect(page.getByTestId("checkout-canceled")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByRole("radio", { name: "Amazon Pay" })).toBeChecked();
    const [customer] = (await emulator.customers.list({ email })).data;
    expect((await emulator.paymentMethods.list({ customer: customer!.id })).data).toHaveLength(0);

    // The consent waits on /account with a way back into the still-open Checkout page.
    await page.goto("/account");
    const card = page.getByTestId("mandate").first();
    await expect(card).toHaveAttribute("data-status", "pending");
    await card.getByRole("link", { name: "Continue in the wallet" }).click();
    await expect(page.getByRole("button", { name: "Save payment method" })).toBeVisible();
  });

  test("an expired link says so, offers Back, and the consent shows expired on /account", async ({ page }) => {
    const email = uniqueEmail("e2e-checkout-expired");
    await openCheckout(page, email);
    const sessionId = /\/c\/pay\/(cs_test_\w+)/.exec(page.url())![1]!;
    await emulator.checkout.sessions.expire(sessionId);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This Checkout Session has expired");
    await expect(page.getByRole("button", { name: "Save payment method" })).toHaveCount(0);
    await page.getByRole("link", { name: "Back" }).click();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(async () => {
      await page.goto("/account");
      await expect(page.getByTestId("mandate").first()).toHaveAttribute("data-status", "expired");
    }).toPass();
  });

  test("without JavaScript too", async ({ browser }) => {
    const { context, page } = await withoutJavaScript(browser);
    await openCheckout(page, uniqueEmail("e2e-checkout-nojs"));
    await page.getByRole("button", { name: "Save payment method" }).click();
    await page.getByRole("button", { name: "Authorize test setup" }).click();
    await expectActiveOnAccount(page, await mandateIdOf(page));
    await context.close();
  });
});
