import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { inboxIdsOf, readSignInCode } from "./sign-in-code";

/**
 * Sign-in helpers for specs. Both go through the product's real paths, no
 * test-only door: an admin through `npm run admin:create`'s one-time sign-in
 * link and the setup page (a password, then a code read from the inbox), a
 * customer through the account page's emailed code.
 */

const root = path.resolve(import.meta.dirname, "..", "..");
const appUrl = `http://localhost:${process.env.E2E_APP_PORT ?? 3100}`;

/** The e2e server's database (playwright.config.ts). */
export const E2E_DATABASE_URL = "file:./data/e2e.db";

/** The password every admin of the suite chooses on the setup page. */
export const ADMIN_PASSWORD = "e2e admin password 2026";

/** Runs `npm run admin:create -- <email>` against the e2e server's database and returns the printed one-time link. */
export function adminCreateLink(email: string): string {
  const output = execFileSync("npx", ["--no-install", "tsx", "scripts/admin-create.ts", email], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, APP_URL: appUrl },
    encoding: "utf8",
  });
  const link = /https?:\/\/\S+magic-link\/verify\S+/.exec(output)?.[0];
  if (!link) throw new Error(`admin:create printed no link:\n${output}`);
  return link;
}

/**
 * Makes `email` an admin (admin:create), opens its one-time link in `page` and
 * sets the account up there: the password, then the emailed code (from the
 * inbox); ends on /admin.
 */
export async function signInAsAdmin(page: Page, email = "e2e-admin@example.com"): Promise<string> {
  await page.goto(adminCreateLink(email));
  await expect(page).toHaveURL(/\/admin\/setup$/);
  const passwordForm = page.getByTestId("admin-password-form");
  await passwordForm.getByLabel(/new password|新しいパスワード|새 비밀번호|Neues Passwort/i).fill(ADMIN_PASSWORD);
  await passwordForm.getByLabel(/repeat|もう一度|다시 입력|wiederholen/i).fill(ADMIN_PASSWORD);
  await passwordForm.getByRole("button").click();
  const codeStep = page.getByTestId("admin-setup-code");
  const seen = await inboxIdsOf(email);
  const sentAt = Date.now();
  await codeStep
    .getByRole("button", { name: /email me a code|コードをメールで|코드를 이메일로|Code per E-Mail/i })
    .click();
  await expect(codeStep.getByRole("status")).toContainText(email);
  await codeStep.getByLabel(/code|コード|코드|Code/i).fill(await readSignInCode(email, sentAt, 20_000, seen));
  await codeStep.getByRole("button", { name: /^(sign in|ログイン|로그인|Anmelden)$/i }).click();
  await expect(page.getByTestId("admin-setup-done")).toContainText(email);
  await page
    .getByRole("link", { name: /go to the admin area|管理画面へ|관리자 화면으로|Zum Administrationsbereich/i })
    .click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByTestId("admin-identity")).toContainText(email);
  return email;
}

/** On /admin/sign-in: the email and password; the code step follows (the code is emailed). */
export async function enterAdminPassword(page: Page, email: string, password = ADMIN_PASSWORD): Promise<void> {
  await page.goto("/admin/sign-in");
  const form = page.getByTestId("admin-sign-in");
  await form.getByLabel(/email|メール|이메일|E-Mail/i).fill(email);
  await form.getByLabel(/^(password|パスワード|비밀번호|Passwort)$/i).fill(password);
  await form.getByRole("button", { name: /^(continue|次へ|계속|Weiter)$/i }).click();
}

/** Signs `page` in as `email` with a code sent to it (the account page's form); ends on /account. */
export async function signInAsCustomer(page: Page, email: string): Promise<void> {
  await page.goto("/account");
  const form = page.getByTestId("code-sign-in");
  await form.getByLabel(/email|メール|이메일|E-Mail/i).fill(email);
  const seen = await inboxIdsOf(email);
  const sentAt = Date.now();
  await form.getByRole("button", { name: /send me a code|コードを送信|코드 받기|Code zusenden/i }).click();
  await enterSignInCode(page, email, sentAt, seen);
  await expect(page.getByTestId("account-email")).toHaveText(email);
}

/** Types the code last sent to `email` (after `sentAt`) into the visible sign-in form and submits it. */
export async function enterSignInCode(
  page: Page,
  email: string,
  sentAt: number,
  seen: Set<string> = new Set(),
): Promise<void> {
  const form = page.getByTestId("code-sign-in");
  await expect(form.getByRole("status")).toContainText(email);
  await form.getByLabel(/code|コード|코드|Code/i).fill(await readSignInCode(email, sentAt, 20_000, seen));
  await form.getByRole("button", { name: /^(sign in|ログイン|로그인|Anmelden)$/i }).click();
}
