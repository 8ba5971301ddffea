import path from "node:path";
import Database from "better-sqlite3";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { test } from "./csp-watch";
import { consentToWallet, uniqueEmail } from "./support";
import { enterSignInCode, signInAsAdmin, signInAsCustomer } from "./support/auth";

const e2eDb = path.resolve(import.meta.dirname, "..", "data", "e2e.db");

/** What the database holds for a customer: every consent (with its evidence) and subscription. */
function recordsOf(email: string) {
  const database = new Database(e2eDb, { readonly: true });
  try {
    const consents = database
      .prepare(
        `SELECT c.id, c.status, c.ipAddress, c.userAgent, c.paymentMethodType FROM MandateConsent c
         JOIN Customer u ON u.id = c.customerId WHERE u.email = ? ORDER BY c.createdAt`,
      )
      .all(email);
    const subscriptions = database
      .prepare(
        `SELECT s.id, s.status FROM Subscription s JOIN Customer u ON u.id = s.customerId WHERE u.email = ? ORDER BY s.createdAt`,
      )
      .all(email);
    return { consents, subscriptions };
  } finally {
    database.close();
  }
}

async function newPage(browser: Browser, userAgent?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(userAgent ? { userAgent } : {});
  return { context, page: await context.newPage() };
}

/** A customer with an active Amazon Pay mandate, signed in in their own browser. */
async function victimWithWallet(browser: Browser) {
  const email = uniqueEmail("victim");
  const victim = await newPage(browser);
  await consentToWallet(victim.page, { email, wallet: "Amazon Pay" });
  await victim.page.getByRole("button", { name: "Authorize test setup" }).click();
  await expect(victim.page.getByTestId("setup-result")).toHaveAttribute("data-status", "active");
  return { email, ...victim };
}

test("typing someone else's email into a consent form gives no access and no data", async ({ browser }) => {
  const victim = await victimWithWallet(browser);
  const before = recordsOf(victim.email);
  expect(before.consents).toHaveLength(1);

  const attacker = await newPage(browser, "Mozilla/5.0 (attacker)");
  // The wallet consent form (/save) …
  await consentToWallet(attacker.page, { email: victim.email, wallet: "Kakao Pay" });
  await expect(attacker.page.getByTestId("checkout-sign-in")).toContainText("already has an account");
  await expect(attacker.page).toHaveURL(/\/save$/);
  // … the subscription form …
  await attacker.page.goto("/subscribe/stock_photos_monthly_usd?wallet=amazon_pay");
  await attacker.page.getByLabel("Email").fill(victim.email);
  await attacker.page.getByRole("checkbox").check();
  await attacker.page.getByRole("button", { name: /subscribe/i }).click();
  await expect(attacker.page.getByTestId("checkout-sign-in")).toBeVisible();
  // … and the card form: each only asks for a sign-in.
  await attacker.page.goto("/subscribe/stock_photos_monthly_usd?method=card&offer=trial_14d");
  await attacker.page.getByLabel("Email").fill(victim.email);
  await attacker.page.getByLabel("Card number").last().fill("4242424242424242");
  await attacker.page.getByLabel("Expiration date").last().fill("12 / 34");
  await attacker.page.getByLabel("CVC").last().fill("123");
  await attacker.page.getByRole("checkbox").check();
  await attacker.page.getByRole("button", { name: "Agree and start" }).click();
  await expect(attacker.page.getByTestId("checkout-sign-in")).toBeVisible();

  // No session, no data: the account page is a sign-in form.
  await attacker.page.goto("/account");
  await expect(attacker.page.getByTestId("code-sign-in")).toBeVisible();
  await expect(attacker.page.getByTestId("account-email")).toHaveCount(0);
  await expect(attacker.page.getByTestId("mandate")).toHaveCount(0);
  expect((await attacker.context.cookies()).some((c) => c.name.includes("session_token"))).toBe(false);

  // The victim's records are unchanged: no consent of the attacker's was filed under them.
  expect(recordsOf(victim.email)).toEqual(before);
  await victim.page.goto("/account");
  await expect(victim.page.getByTestId("account-email")).toHaveText(victim.email);
  await expect(victim.page.getByTestId("mandate")).toHaveCount(1);
  await attacker.context.close();
  await victim.context.close();
});

test("an existing account signs in by code at checkout and the checkout resumes with its plan and wallet", async ({
  browser,
}) => {
  const victim = await victimWithWallet(browser);
  const other = await newPage(browser);
  await other.page.goto("/subscribe/stock_photos_monthly_usd?wallet=amazon_pay");
  await other.page.getByLabel("Email").fill(victim.email);
  await other.page.getByRole("checkbox").check();
  const sentAt = Date.now();
  await other.page.getByRole("button", { name: /subscribe/i }).click();
  await expect(other.page.getByTestId("checkout-sign-in")).toBeVisible();
  await enterSignInCode(other.page, victim.email, sentAt);
  // Signed in, the same form went on to the wallet.
  await other.page.getByRole("button", { name: "Authorize test setup" }).click();
  await expect(other.page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");
  const after = recordsOf(victim.email);
  expect(after.consents).toHaveLength(2);
  expect(after.subscriptions).toHaveLength(1);
  await other.context.close();
  await victim.context.close();
});

test("a pre-registered address: verifying it by code signs out the session that typed it", async ({ browser }) => {
  const email = uniqueEmail("prereg");
  const squatter = await newPage(browser);
  await consentToWallet(squatter.page, { email, wallet: "Amazon Pay" });
  await expect(squatter.page.getByRole("button", { name: "Authorize test setup" })).toBeVisible();
  await squatter.page.goto("/account");
  await expect(squatter.page.getByTestId("account-email")).toHaveText(email);
  // Unproven address: no passkey can be added to keep a way in.
  await expect(squatter.page.getByTestId("passkeys")).toContainText("Confirm your email first");

  const owner = await newPage(browser);
  await signInAsCustomer(owner.page, email);

  await squatter.page.reload();
  await expect(squatter.page.getByTestId("code-sign-in")).toBeVisible();
  await expect(squatter.page.getByTestId("account-email")).toHaveCount(0);
  await owner.context.close();
  await squatter.context.close();
});

test("a passkey added on the account signs in without an email", async ({ browser }) => {
  const email = uniqueEmail("passkey");
  const { context, page } = await newPage(browser);
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  await signInAsCustomer(page, email);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey added" })).toBeVisible();
  await expect(page.getByTestId("passkeys").getByRole("listitem")).toHaveCount(1);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByTestId("code-sign-in")).toBeVisible();
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await context.close();
});

test("sign out everywhere ends the account's sessions on every device", async ({ browser }) => {
  const email = uniqueEmail("everywhere");
  const laptop = await newPage(browser);
  const phone = await newPage(browser);
  await signInAsCustomer(laptop.page, email);
  await signInAsCustomer(phone.page, email);

  await laptop.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(laptop.page.getByRole("status")).toContainText("Every session of your account has ended");
  await expect(laptop.page.getByTestId("code-sign-in")).toBeVisible();
  await phone.page.reload();
  await expect(phone.page.getByTestId("code-sign-in")).toBeVisible();
  await expect(phone.page.getByTestId("account-email")).toHaveCount(0);
  await laptop.context.close();
  await phone.context.close();
});

test("/admin: anonymous and customer sessions are refused, an admin gets in", async ({ browser }) => {
  const anonymous = await newPage(browser);
  await anonymous.page.goto("/admin");
  await expect(anonymous.page).toHaveURL(/\/admin\/sign-in$/);
  await expect(anonymous.page.getByTestId("admin-sign-in")).toBeVisible();

  const customer = await newPage(browser);
  await signInAsCustomer(customer.page, uniqueEmail("not-admin"));
  await customer.page.goto("/admin");
  await expect(customer.page).toHaveURL(/\/admin\/sign-in$/);
  await expect(customer.page.getByRole("alert").filter({ hasText: "not an admin" })).toBeVisible();

  const admin = await newPage(browser);
  await signInAsAdmin(admin.page, uniqueEmail("admin"));
  await expect(admin.page.getByTestId("admin-identity")).toContainText("(admin)");
  for (const c of [anonymous, customer, admin]) await c.context.close();
});
