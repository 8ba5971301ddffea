import { expect } from "@playwright/test";
import { test } from "./csp-watch";
import { consentToWallet, emulator, expectAccessible, uniqueEmail } from "./support";

for (const wallet of ["Amazon Pay", "Kakao Pay"] as const) {
  test(`${wallet}: authorize on the wallet page and come back with an active mandate`, async ({ page }) => {
    const email = uniqueEmail("e2e-ok");
    await consentToWallet(page, { email, wallet });

    await expect(page.getByRole("button", { name: "Authorize test setup" })).toBeVisible();
    expect(new URL(page.url()).port).toBe(process.env.E2E_EMULATOR_PORT ?? "12199");
    await page.getByRole("button", { name: "Authorize test setup" }).click();

    const result = page.getByTestId("setup-result");
    await expect(result).toHaveAttribute("data-status", "active");
    await expect(result).toContainText(wallet);
    await expect(result).toContainText(/mandate_/);
    await expectAccessible(page, `${wallet} saved`);

    const [customer] = (await emulator.customers.list({ email })).data;
    const mandateId = (await result.locator("dd", { hasText: "mandate_" }).textContent())!.trim();
    const mandate = await emulator.mandates.retrieve(mandateId);
    expect(mandate.status).toBe("active");
    expect(mandate.customer_acceptance.online?.user_agent).toContain("Chrome");
    expect(mandate.customer_acceptance.online?.ip_address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect((await emulator.paymentMethods.list({ customer: customer!.id })).data).toHaveLength(1);
  });

  test(`${wallet}: a failed authorization says so and offers to try again`, async ({ page }) => {
    const email = uniqueEmail("e2e-fail");
    await consentToWallet(page, { email, wallet });
    await page.getByRole("button", { name: "Fail test setup" }).click();

    const result = page.getByTestId("setup-result");
    await expect(result).toHaveAttribute("data-status", "failed");
    await expectAccessible(page, `${wallet} failed`);
    await result.getByRole("link", { name: /try again/i }).click();
    await expect(page.getByLabel(/email/i)).toHaveValue(email);
    await expect(page.getByRole("radio", { name: wallet })).toBeChecked();
    await expectAccessible(page, `${wallet} try again`);
  });
}

test("the terms and the page speak Japanese to a Japanese browser", async ({ browser }) => {
  const context = await browser.newContext({
    locale: "ja-JP",
    extraHTTPHeaders: { "Accept-Language": "ja-JP,ja;q=0.9" },
  });
  const page = await context.newPage();
  await page.goto("/save");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("今後の支払いのためにウォレットを保存");
  await page.getByRole("radio", { name: "Kakao Pay" }).check();
  const terms = page.getByTestId("mandate-terms");
  await expect(terms).toContainText("Kakao Pay");
  await expect(terms).toContainText("支払いの頻度とタイミング");
  await expect(terms).toContainText("キャンセル");
  await expectAccessible(page, "ja save page");
  await context.close();
});

test("the language switch changes the page and is remembered", async ({ page }) => {
  await page.goto("/save");
  await page.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wallet für künftige Zahlungen speichern");
  await expectAccessible(page, "de save page");
  await page.reload();
  await expect(page.getByTestId("mandate-terms")).toContainText("Kündigung");
});

test("consent is required: without the tick nothing is sent", async ({ page }) => {
  const email = uniqueEmail("e2e-noconsent");
  await page.goto("/save");
  await page.getByLabel(/email/i).fill(email);
  await page.getByRole("button", { name: /continue/i }).click();
  await expect(page.getByText("You must agree to the terms to continue.")).toBeVisible();
  await expectAccessible(page, "consent missing");
  expect(new URL(page.url()).pathname).toBe("/save");
  expect((await emulator.customers.list({ email })).data).toHaveLength(0);
});

test("a bad email is refused with a clear message", async ({ page }) => {
  await page.goto("/save");
  await page.getByLabel(/email/i).fill("not-an-email");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: /continue/i }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expectAccessible(page, "bad email");
});

test("a double click creates one customer and one SetupIntent", async ({ page }) => {
  const email = uniqueEmail("e2e-double");
  await page.goto("/save");
  await page.getByLabel(/email/i).fill(email);
  await page.getByRole("checkbox").check();
  const submit = page.getByRole("button", { name: /continue/i });
  await submit.dblclick();
  await expect(page.getByRole("button", { name: "Authorize test setup" })).toBeVisible();
  const customers = (await emulator.customers.list({ email })).data;
  expect(customers).toHaveLength(1);
  expect((await emulator.setupIntents.list({ customer: customers[0]!.id })).data).toHaveLength(1);
});

test("reloading the return page keeps one activation; a forged return link is refused", async ({ page }) => {
  await consentToWallet(page, { email: uniqueEmail("e2e-reload"), wallet: "Amazon Pay" });
  await page.getByRole("button", { name: "Authorize test setup" }).click();
  await expect(page.getByTestId("setup-result")).toHaveAttribute("data-status", "active");
  const returnUrl = new URL(page.url());
  await page.reload();
  await expect(page.getByTestId("setup-result")).toHaveAttribute("data-status", "active");
  await expectAccessible(page, "return page reloaded");

  const forged = new URL(returnUrl);
  forged.searchParams.set("setup_intent_client_secret", `${returnUrl.searchParams.get("setup_intent")}_secret_forged`);
  await page.goto(forged.pathname + forged.search);
  await expect(page.getByTestId("setup-result")).toHaveAttribute("data-status", "refused");
  await expectAccessible(page, "forged return refused");

  await page.goto("/save/return?consent=nope&setup_intent=seti_nope&setup_intent_client_secret=x");
  await expect(page.getByTestId("setup-result")).toHaveAttribute("data-status", "refused");
  await page.goto("/save/return");
  await expect(page.getByTestId("setup-result")).toHaveAttribute("data-status", "refused");
  await expectAccessible(page, "empty return refused");
});
