// Admin sign-in: set up through admin:create's link (password, then a code from
// the inbox), then in a fresh browser the password and the emailed code; a wrong
// code and the customers' code-only sign-in are refused in our words; the sign-in
// code limiter answers with our message and sends nothing more.
import { expect, type Browser } from "@playwright/test";
import { test } from "./csp-watch";
import { uniqueEmail } from "./support";
import { enterAdminPassword, signInAsAdmin } from "./support/auth";
import { emailsTo } from "./support/inbox";
import { inboxIdsOf, readSignInCode } from "./support/sign-in-code";

test.describe.configure({ timeout: 180_000 });

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test("an admin signs in with the password and the emailed code; a wrong code is refused", async ({ browser }) => {
  const setup = await freshPage(browser);
  const email = await signInAsAdmin(setup.page, uniqueEmail("ops-2fa"));
  await setup.context.close();

  const { context, page } = await freshPage(browser);
  // The password alone opens nothing.
  const seen = await inboxIdsOf(email);
  const sentAt = Date.now();
  await enterAdminPassword(page, email);
  const form = page.getByTestId("admin-sign-in");
  await expect(form.getByRole("status")).toContainText(email);
  await readSignInCode(email, sentAt, 20_000, seen);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in$/);

  // Start again: the password, then a wrong code, then the right one from the inbox.
  const seenBefore = await inboxIdsOf(email);
  const askedAt = Date.now();
  await enterAdminPassword(page, email);
  await expect(form.getByRole("status")).toContainText(email);
  const code = await readSignInCode(email, askedAt, 20_000, seenBefore);
  await form.getByLabel(/code/i).fill(code === "000000" ? "111111" : "000000");
  await form.getByRole("button", { name: /^sign in$/i }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "That code is not right. Check the newest email from us and try again.",
  );
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await form.getByLabel(/code/i).fill(code);
  await form.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByTestId("admin-identity")).toContainText(email);
  await context.close();
});

test("a wrong password is refused in the reader's language", async ({ browser }) => {
  const setup = await freshPage(browser);
  const email = await signInAsAdmin(setup.page, uniqueEmail("ops-pw"));
  await setup.context.close();

  const context = await browser.newContext({ locale: "de-DE", extraHTTPHeaders: { "accept-language": "de-DE,de" } });
  const page = await context.newPage();
  await enterAdminPassword(page, email, "not the right password");
  await expect(page.getByTestId("admin-sign-in").getByRole("alert")).toHaveText(
    "E-Mail-Adresse und Passwort passen zu keinem Administratorkonto.",
  );
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await context.close();
});

test("an admin's emailed sign-in code alone opens nothing, in the customers' form either", async ({ browser }) => {
  const setup = await freshPage(browser);
  const email = await signInAsAdmin(setup.page, uniqueEmail("ops-code"));
  await setup.context.close();

  const { context, page } = await freshPage(browser);
  await page.goto("/account");
  const form = page.getByTestId("code-sign-in");
  await form.getByLabel(/email/i).fill(email);
  const seen = await inboxIdsOf(email);
  const sentAt = Date.now();
  await form.getByRole("button", { name: /send me a code/i }).click();
  await expect(form.getByRole("status")).toContainText(email);
  await form.getByLabel(/code/i).fill(await readSignInCode(email, sentAt, 20_000, seen));
  await form.getByRole("button", { name: /^sign in$/i }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "This is an admin account: sign in on the admin sign-in page with your password and a code.",
  );
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await context.close();
});

test("too many sign-in codes for one address: our message, and no more codes sent", async ({ page }) => {
  const email = uniqueEmail("too-many-codes");
  await page.goto("/account");
  const form = page.getByTestId("code-sign-in");
  await form.getByLabel(/email/i).fill(email);
  await form.getByRole("button", { name: /send me a code/i }).click();
  await expect(form.getByRole("status")).toContainText(email);
  // RATE_LIMIT_SIGN_IN_CODES (5 in 15 minutes per address and connection): four more are sent, the next is refused.
  for (let sent = 2; sent <= 5; sent++) {
    await form.getByRole("button", { name: /send a new code/i }).click();
    await expect.poll(async () => (await emailsTo(email)).length, { timeout: 20_000 }).toBe(sent);
  }
  await form.getByRole("button", { name: /send a new code/i }).click();
  await expect(form.getByRole("alert")).toHaveText(
    /^Too many codes were requested for this email address from this connection\. No code was sent\. Please wait \d+ minutes and try again\.$/,
  );
  await page.waitForTimeout(2500);
  expect(await emailsTo(email)).toHaveLength(5);
});

test("an admin's passkey, unlocked by the device, signs in alone; when the device cannot verify its holder nothing opens", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  const email = await signInAsAdmin(page, uniqueEmail("ops-passkey"));
  await page.goto("/admin/setup");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey added" })).toBeVisible();

  const signOut = async () => {
    await page.goto("/admin");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/account/);
  };
  await signOut();
  await page.goto("/admin/sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByTestId("admin-identity")).toContainText(email);

  // The device fails to check who holds the passkey: nothing opens, and the page says what to do instead.
  await signOut();
  await cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified: false });
  await page.goto("/admin/sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByTestId("admin-sign-in").getByRole("alert")).toHaveText(
    "The passkey sign-in did not finish, or your device did not check your PIN or fingerprint. Try again, or use your password.",
  );
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await page.goto("/admin/mandates");
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await context.close();
});
