import { expect, type Page } from "@playwright/test";
import { test } from "./csp-watch";
import { expectAccessible, uniqueEmail } from "./support";

async function consentOnPlan(page: Page, email: string) {
  await page.getByLabel(/email|メール|이메일|E-Mail/i).fill(email);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: /subscribe|申し込む|구독|abonnieren/i }).click();
}

test("Amazon Pay: subscribe, see it on the account page, cancel, and revoke the wallet", async ({ page }) => {
  await page.goto("/pricing");
  await expect(page.getByTestId("plan-usd")).toContainText("$15.00");
  await expect(page.getByTestId("plan-usd").getByRole("link", { name: /Kakao Pay/ })).toHaveCount(0);
  await expectAccessible(page, "pricing");
  await page.getByTestId("plan-usd").getByRole("link", { name: "Subscribe with Amazon Pay" }).click();
  await expect(page.getByTestId("mandate-terms")).toContainText("$15.00 per month");
  await expectAccessible(page, "plan page");
  await consentOnPlan(page, uniqueEmail("e2e-amazon-sub"));

  await page.getByRole("button", { name: "Authorize test setup" }).click();
  const result = page.getByTestId("subscription-result");
  await expect(result).toHaveAttribute("data-status", "active");
  await expect(result).toContainText("$15.00");
  await expectAccessible(page, "subscribed");

  await page.getByRole("link", { name: "Account" }).first().click();
  const subscription = page.getByTestId("subscription");
  await expect(subscription).toHaveAttribute("data-status", "active");
  await expect(subscription).toContainText("Next charge");
  const mandate = page.getByTestId("mandate");
  await expect(mandate).toHaveAttribute("data-status", "active");
  await expect(mandate.getByTestId("agreed-terms")).toContainText("$15.00 per month");
  await expectAccessible(page, "account");

  await subscription.getByRole("link", { name: "Cancel at the end of the period" }).click();
  await expect(subscription.getByTestId("confirm")).toBeVisible();
  await expectAccessible(page, "confirm cancel at period end");
  await subscription.getByTestId("confirm").getByRole("button", { name: "Yes, cancel at period end" }).click();
  await expect(page.getByRole("status")).toContainText("end of the paid period");
  await expect(subscription).toHaveAttribute("data-cancel-at-period-end", "true");
  await expect(subscription).toContainText("Ends on");
  await expectAccessible(page, "cancel scheduled");

  await subscription.getByRole("link", { name: "Cancel now" }).click();
  await expect(subscription.getByTestId("confirm")).toBeVisible();
  await expectAccessible(page, "confirm cancel now");
  await subscription.getByTestId("confirm").getByRole("button", { name: "Yes, cancel now" }).click();
  await expect(page.getByRole("status")).toContainText("canceled");
  await expect(subscription).toHaveAttribute("data-status", "canceled");
  await expectAccessible(page, "canceled");

  // The subscription is canceled, so nothing depends on the wallet: a plain confirmation.
  await mandate.getByRole("link", { name: "Revoke this payment method" }).click();
  await expect(mandate.getByTestId("confirm")).toBeVisible();
  await expectAccessible(page, "confirm revoke");
  await mandate.getByTestId("confirm").getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByRole("status")).toContainText("revoked");
  await expect(mandate).toHaveAttribute("data-status", "revoked");
  await expect(mandate).toContainText("on your account page");
  await expectAccessible(page, "revoked");
});

test("Kakao Pay in Korean: ₩100,000, the mandate redirect, then the first payment's redirect", async ({ browser }) => {
  const context = await browser.newContext({
    locale: "ko-KR",
    extraHTTPHeaders: { "Accept-Language": "ko-KR,ko;q=0.9" },
  });
  const page = await context.newPage();
  await page.goto("/pricing");
  const plan = page.getByTestId("plan-krw");
  await expect(plan).toContainText("₩100,000");
  await expectAccessible(page, "ko pricing");
  await expect(plan.getByRole("link", { name: /Amazon Pay/ })).toHaveCount(0);
  await plan.getByRole("link", { name: "Kakao Pay로 구독" }).click();
  const terms = page.getByTestId("mandate-terms");
  await expect(terms).toContainText("월 ₩100,000");
  await expect(terms).toContainText("취소");
  await expectAccessible(page, "ko plan page");
  await consentOnPlan(page, uniqueEmail("e2e-kakao-sub"));

  await page.getByRole("button", { name: "Authorize test setup" }).click();
  // Seed 002: the first invoice's PaymentIntent needs the customer in Kakao Pay again.
  await page.getByRole("button", { name: "Authorize test payment" }).click();
  const result = page.getByTestId("subscription-result");
  await expect(result).toHaveAttribute("data-status", "active");
  await expect(result).toContainText("₩100,000");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("구독이 활성화되었습니다");
  await expectAccessible(page, "ko subscribed");
  await context.close();
});

test("Kakao Pay: a failed first payment explains itself and a retry pays it", async ({ page }) => {
  await page.goto("/subscribe/stock_photos_monthly_krw?wallet=kakao_pay");
  await consentOnPlan(page, uniqueEmail("e2e-kakao-retry"));
  await page.getByRole("button", { name: "Authorize test setup" }).click();
  await page.getByRole("button", { name: "Fail test payment" }).click();

  const result = page.getByTestId("subscription-result");
  await expect(result).toHaveAttribute("data-payment", "failed");
  await expect(result).toHaveAttribute("data-status", "incomplete");
  await expect(result).toContainText("The payment was not confirmed.");
  await expect(result.getByRole("link", { name: "Pay with another method" })).toBeVisible();
  await expectAccessible(page, "first payment failed");
  await result.getByRole("button", { name: "Try the payment again" }).click();
  await page.getByRole("button", { name: "Authorize test payment" }).click();
  await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");
  await expectAccessible(page, "paid on retry");
});

test("an abandoned wallet page resumes from the account page", async ({ page }) => {
  await page.goto("/subscribe/stock_photos_monthly_usd?wallet=amazon_pay");
  await consentOnPlan(page, uniqueEmail("e2e-abandon"));
  await expect(page.getByRole("button", { name: "Authorize test setup" })).toBeVisible();

  await page.goto("/account");
  const mandate = page.getByTestId("mandate");
  await expect(mandate).toHaveAttribute("data-status", "pending");
  await expectAccessible(page, "account with a pending wallet");
  await mandate.getByRole("link", { name: "Continue in the wallet" }).click();
  await page.getByRole("button", { name: "Authorize test setup" }).click();
  await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");
  await expectAccessible(page, "resumed");
});

test("Japanese: prices and terms in Japanese, the currency formatted for Japan", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ja-JP", extraHTTPHeaders: { "Accept-Language": "ja" } });
  const page = await context.newPage();
  await page.goto("/pricing");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("プラン");
  await expect(page.getByTestId("plan-usd")).toContainText("$15.00");
  await expect(page.getByTestId("plan-krw")).toContainText("₩100,000");
  await expectAccessible(page, "ja pricing");
  await page.getByTestId("plan-usd").getByRole("link", { name: "Amazon Pay で申し込む" }).click();
  await expect(page.getByTestId("mandate-terms")).toContainText("月額 $15.00");
  await expect(page.getByTestId("mandate-terms")).toContainText("キャンセル");
  await expectAccessible(page, "ja plan page");
  await context.close();
});

test("German: the plan page and its terms", async ({ browser }) => {
  const context = await browser.newContext({ locale: "de-DE", extraHTTPHeaders: { "Accept-Language": "de-DE" } });
  const page = await context.newPage();
  await page.goto("/subscribe/stock_photos_monthly_usd");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Abonnieren: 15,00 $ pro Monat");
  await expect(page.getByTestId("mandate-terms")).toContainText("Kündigung");
  await expectAccessible(page, "de plan page");
  await context.close();
});

test("an unknown plan or a wallet the currency cannot use is refused", async ({ page }) => {
  const response = await page.goto("/subscribe/no_such_plan");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expectAccessible(page, "404");
  await page.goto("/subscribe/stock_photos_monthly_usd?wallet=kakao_pay");
  await expect(page.getByRole("radio", { name: "Kakao Pay" })).toHaveCount(0);
  await expect(page.getByRole("radio", { name: "Amazon Pay" })).toBeChecked();
  await expectAccessible(page, "plan page, wallet refused");
});
