import { expect, test } from "./fixtures";

test.describe("Stripe.js (seed 000)", () => {
  test("confirmAmazonPaySetup in the browser; authorized, the mandate is on /account", async ({
    page,
    savePage,
    account,
    emulator,
    email,
  }) => {
    await savePage.fill(email);
    const confirm = page.waitForRequest((r) => /\/v1\/setup_intents\/seti_\w+\/confirm$/.test(r.url()));
    await savePage.submitButton.click();
    // The confirmation left the customer's browser with the publishable key and infer_from_client.
    expect((await confirm).postData()).toContain("infer_from_client");
    await savePage.wallet.authorizeSetup();
    await account.expectActiveMandate(await savePage.result.activeMandateId(), emulator);
  });

  test("Stripe.js that cannot load is explained in our words; the form can be sent again", async ({
    page,
    savePage,
    account,
    emulator,
    email,
  }) => {
    await page.route("**/js/stripe.js", (route) => route.abort());
    await savePage.fill(email);
    await savePage.submitButton.click();
    await expect(page.getByText("The wallet could not be opened. Nothing was saved; please try again.")).toBeVisible({
      timeout: 15_000,
    });
    await expect(savePage.submitButton).toBeEnabled();
    await page.unroute("**/js/stripe.js");
    // React resets the form after its action: the customer agrees again.
    await savePage.fillEmail(email);
    await savePage.agree();
    await savePage.submitButton.click();
    await savePage.wallet.authorizeSetup();
    await account.expectActiveMandate(await savePage.result.activeMandateId(), emulator);
    expect((await emulator.sdk.customers.list({ email })).data).toHaveLength(1);
  });
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with Stripe.js" : "without JavaScript: the server's manual redirect", () => {
    test.use({ javaScriptEnabled });

    test("failed in the wallet, then tried again from the result page", async ({
      savePage,
      account,
      emulator,
      email,
    }) => {
      await savePage.fill(email);
      await savePage.submitButton.click();
      await savePage.wallet.failSetup();
      await expect(savePage.result.card).toHaveAttribute("data-status", "failed");
      await savePage.page.getByRole("link", { name: /try again/i }).click();
      await expect(savePage.page.getByLabel("Email")).toHaveValue(email);
      await savePage.agree();
      await savePage.submitButton.click();
      await savePage.wallet.authorizeSetup();
      await account.expectActiveMandate(await savePage.result.activeMandateId(), emulator);
    });
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form posts and the server answers with the wallet's page", async ({
    savePage,
    account,
    emulator,
    email,
  }) => {
    await savePage.fill(email);
    await savePage.submitButton.click();
    expect(new URL(savePage.page.url()).port).toBe(String(emulator.port));
    await savePage.wallet.authorizeSetup();
    await account.expectActiveMandate(await savePage.result.activeMandateId(), emulator);
  });

  test("a missing consent tick is refused in the page", async ({ savePage, emulator, email }) => {
    await savePage.goto();
    await savePage.fillEmail(email);
    await savePage.submitButton.click();
    await expect(savePage.page.getByText("You must agree to the terms to continue.")).toBeVisible();
    expect((await emulator.sdk.customers.list({ email })).data).toHaveLength(0);
  });
});

test.describe("Stripe Checkout in setup mode (seed 001)", () => {
  test("the hosted page, the wallet, the return page; the mandate is on /account", async ({
    page,
    savePage,
    account,
    emulator,
    email,
  }) => {
    await savePage.fill(email);
    await savePage.saveWithCheckout();
    expect(new URL(page.url()).port).toBe(String(emulator.port));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lumen Stock Photos");
    await expect(page.getByRole("radio", { name: "Amazon Pay" })).toBeChecked();
    await savePage.checkout.save();
    await savePage.wallet.authorizeSetup();
    expect(new URL(page.url()).pathname).toBe("/save/checkout-return");
    await account.expectActiveMandate(await savePage.result.activeMandateId(), emulator);
  });

  test("Back returns to /save with the choice kept and nothing saved; /account leads back in", async ({
    page,
    savePage,
    account,
    emulator,
    email,
  }) => {
    await savePage.fill(email);
    await savePage.saveWithCheckout();
    await savePage.checkout.back();
    expect(new URL(page.url()).pathname).toBe("/save");
    await expect(page.getByTestId("checkout-canceled")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByRole("radio", { name: "Amazon Pay" })).toBeChecked();
    const customer = await emulator.customerByEmail(email);
    expect((await emulator.sdk.paymentMethods.list({ customer: customer.id })).data).toHaveLength(0);
    // The consent waits on /account with a way back into the still-open Checkout page.
    await account.goto();
    await expect(account.mandate()).toHaveAttribute("data-status", "pending");
    await account.mandate().getByRole("link", { name: "Continue in the wallet" }).click();
    await expect(page.getByRole("button", { name: "Save payment method" })).toBeVisible();
  });

  test("an expired link says so, offers Back, and /account shows the consent expired", async ({
    page,
    savePage,
    account,
    emulator,
    email,
  }) => {
    await savePage.fill(email);
    await savePage.saveWithCheckout();
    await emulator.sdk.checkout.sessions.expire(savePage.checkout.sessionId());
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This Checkout Session has expired");
    await expect(page.getByRole("button", { name: "Save payment method" })).toHaveCount(0);
    await savePage.checkout.back();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(async () => {
      await account.goto();
      await expect(account.mandate()).toHaveAttribute("data-status", "expired");
    }).toPass();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the hosted page and the wallet work too", async ({ savePage, account, emulator, email }) => {
      await savePage.fill(email);
      await savePage.saveWithCheckout();
      await savePage.checkout.save();
      await savePage.wallet.authorizeSetup();
      await account.expectActiveMandate(await savePage.result.activeMandateId(), emulator);
    });
  });
});
