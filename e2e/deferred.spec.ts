import { expect, type Page } from "@playwright/test";
import { test } from "./csp-watch";
import { emulator, expectAccessible, uniqueEmail } from "./support";

const TRIAL = "/subscribe/stock_photos_monthly_usd?method=card&offer=trial_14d";

async function fillCard(page: Page, number: string, scope = page.locator("body")) {
  await scope.getByLabel("Card number").last().fill(number);
  await scope.getByLabel("Expiration date").last().fill("12 / 34");
  await scope.getByLabel("CVC").last().fill("123");
}

async function startTrial(page: Page, card: string, email = uniqueEmail("e2e-card")) {
  await page.goto(TRIAL);
  await expect(page.getByTestId("mandate-terms")).toContainText("nothing is charged today");
  await expectAccessible(page, "card trial page");
  await page.getByLabel("Email").fill(email);
  await fillCard(page, card);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Agree and start" }).click();
  return email;
}

const setup = (page: Page) => page.getByTestId("pending-setup");

test("a card that needs no action: the trial starts, and advancing the clock charges it off-session", async ({
  page,
}) => {
  await startTrial(page, "4242424242424242");
  await expect(setup(page)).toHaveAttribute("data-step", "done");
  await expectAccessible(page, "trial started");

  await page.goto("/account");
  const subscription = page.getByTestId("subscription");
  await expect(subscription).toHaveAttribute("data-status", "trialing");
  await expect(subscription).toContainText("Trial ends");
  await expectAccessible(page, "account trialing");
  await page.getByTestId("dev-clock").getByRole("button", { name: "+15 days" }).click();
  await expect(page.getByRole("status")).toContainText("test clock moved forward");
  await expect(subscription).toHaveAttribute("data-status", "active");
  await expect(subscription.getByTestId("charges").locator("li[data-off-session=true][data-status=paid]")).toHaveCount(
    1,
  );
  await expect(subscription.getByTestId("charges")).toContainText("$15.00");
  await expectAccessible(page, "account after the off-session charge");
});

test("authentication required: completing it finishes the setup", async ({ page }) => {
  await startTrial(page, "4000002500003155");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expectAccessible(page, "3D Secure dialog");
  await dialog.getByRole("button", { name: "Complete authentication" }).click();
  await expect(setup(page)).toHaveAttribute("data-step", "done");
  await expectAccessible(page, "authenticated");
});

test("authentication failed: the page explains and another card finishes it", async ({ page }) => {
  await startTrial(page, "4000002500003155");
  await page.getByRole("dialog").getByRole("button", { name: "Fail authentication" }).click();
  await expect(setup(page)).toHaveAttribute("data-step", "collect_card");
  await expect(setup(page).getByRole("alert")).toBeVisible();
  await expectAccessible(page, "authentication failed, another card");
  await fillCard(page, "4242424242424242", setup(page));
  await setup(page).getByRole("button", { name: "Use this card" }).click();
  await expect(setup(page)).toHaveAttribute("data-step", "done");
  await expectAccessible(page, "set up with another card");
  // The card entered during recovery is the one the account names.
  await page.goto("/account");
  await expect(page.getByTestId("mandate").first()).toContainText("Visa ending in 4242");
  await expectAccessible(page, "account after recovery");
});

test("a declined card is refused in our words; a good one then starts the trial", async ({ page }) => {
  await startTrial(page, "4000000000009995");
  await expect(page.getByRole("alert").filter({ hasText: "The card has insufficient funds." })).toBeVisible();
  await expectAccessible(page, "card declined");
  await fillCard(page, "4242424242424242");
  await page.getByRole("button", { name: "Agree and start" }).click();
  await expect(setup(page)).toHaveAttribute("data-step", "done");

  await page.goto("/account");
  await expect(page.getByTestId("mandate").first()).toHaveAttribute("data-status", "active");
  await expectAccessible(page, "account after a declined then good card");
});

test("the tab closed mid-authentication: the account page finds the pending setup and finishes it", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await startTrial(first, "4000002500003155");
  await expect(first.getByRole("dialog")).toBeVisible();
  await first.close();

  const page = await context.newPage();
  await page.goto("/account");
  await expect(setup(page)).toHaveAttribute("data-step", "authenticate");
  await expectAccessible(page, "account with a pending setup");
  await setup(page).getByRole("button", { name: "Authenticate the card" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Complete authentication" }).click();
  await expect(setup(page)).toHaveAttribute("data-step", "done");
  await expectAccessible(page, "pending setup finished");
  await page.reload();
  await expect(page.getByTestId("pending-setup")).toHaveCount(0);
  await context.close();
});

test("canceling during the trial cancels the pending SetupIntent", async ({ browser }) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  const email = await startTrial(first, "4000002500003155");
  await expect(first.getByRole("dialog")).toBeVisible();
  await first.close();

  const page = await context.newPage();
  await page.goto("/account");
  await page.getByTestId("subscription").getByRole("link", { name: "Cancel now" }).click();
  await expect(page.getByTestId("confirm")).toBeVisible();
  await expectAccessible(page, "confirm cancel during trial");
  await page.getByTestId("confirm").getByRole("button", { name: "Yes, cancel now" }).click();
  await expect(page.getByTestId("subscription")).toHaveAttribute("data-status", "canceled");
  await expectAccessible(page, "canceled during trial");
  const [customer] = (await emulator.customers.list({ email })).data;
  await expect
    .poll(async () => (await emulator.setupIntents.list({ customer: customer!.id })).data.map((si) => si.status))
    .toContain("canceled");
  await context.close();
});

test("a wallet with a trial: nothing pending, the subscription is trialing", async ({ page }) => {
  await page.goto("/subscribe/stock_photos_monthly_usd?wallet=amazon_pay&offer=trial_14d");
  await expect(page.getByTestId("mandate-terms")).toContainText("nothing is charged today");
  await expectAccessible(page, "wallet trial page");
  await page.getByLabel("Email").fill(uniqueEmail("e2e-wallet-trial"));
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Agree and subscribe" }).click();
  await page.getByRole("button", { name: "Authorize test setup" }).click();
  await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "trialing");
  await expectAccessible(page, "wallet trial started");
});
