import { expect, type Page } from "@playwright/test";
import { test } from "./csp-watch";
import { expectAccessible, localeContext, startCardTrial, uniqueEmail } from "./support";

const subscription = (page: Page) => page.getByTestId("subscription").first();

// Whole customer journeys with an accessibility scan at each step: slower than a single page.
test.beforeEach(() => test.setTimeout(120_000));

/** Moves the customer's test clock on from the account page (renewals are charged off-session). */
async function advance(page: Page, days: 15 | 31) {
  await page.goto("/account");
  await page
    .getByTestId("dev-clock")
    .getByRole("button", { name: `+${days}` })
    .click();
  await expect(page.getByRole("status")).toBeVisible();
}

for (const locale of ["en", "ja"] as const) {
  test(`${locale}: a past-due card subscription is fixed with Amazon Pay and becomes active`, async ({ browser }) => {
    const context = await localeContext(browser, locale);
    const page = await context.newPage();
    await startCardTrial(page, "4000000000000341");
    await advance(page, 15);
    const card = subscription(page);
    await expect(card).toHaveAttribute("data-status", "past_due");
    // What failed, in our words, and the fix, not "Next charge".
    const owing = card.getByTestId("owing");
    await expect(owing).toContainText(
      locale === "ja" ? "お支払いが承認されませんでした" : "The payment was declined. Try another card",
    );
    await expect(card.getByTestId("next-charge")).toHaveCount(0);
    await expectAccessible(page, `${locale} account past due`);

    await owing.getByRole("link", { name: locale === "ja" ? "お支払いを修正する" : "Fix the payment" }).click();
    await expect(page).toHaveURL(/\/account\/subscriptions\/[^/]+\/fix$/);
    await expect(page).toHaveTitle(locale === "ja" ? /別の方法で支払う/ : /Pay with another method/);
    await expect(page.getByTestId("fix-what-failed")).toBeVisible();
    const wallet = page.getByTestId("fix-wallet");
    await expect(wallet.getByTestId("mandate-terms")).toContainText("Amazon Pay");
    await expectAccessible(page, `${locale} fix page`);
    // Without the tick nothing happens and the keyboard is sent to the tick.
    await wallet.locator("form button.primary").click();
    await expect(wallet.getByRole("checkbox")).toBeFocused();
    await expect(wallet.getByRole("checkbox")).toHaveAttribute("aria-describedby", "consent-error");
    await wallet.getByRole("checkbox").check();
    await wallet.locator("form button.primary").click();

    await page.getByRole("button", { name: "Authorize test setup" }).click();
    // On-session payment of the open invoice: Amazon Pay asks the customer once more.
    await page.getByRole("button", { name: "Authorize test payment" }).click();
    await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");
    await expectAccessible(page, `${locale} paid`);

    await page.goto("/account");
    await expect(card).toHaveAttribute("data-status", "active");
    await expect(card.locator("h3")).toContainText("Amazon Pay");
    // The trial's $0 invoice and the renewal, both paid now; nothing left open.
    await expect(card.getByTestId("charges").locator("li[data-status=paid]")).toHaveCount(2);
    await expect(card.getByTestId("charges").locator("li[data-status=open]")).toHaveCount(0);
    await expect(card.getByTestId("next-charge")).toBeVisible();
    await context.close();
  });
}

/** Types a card into the fix page's card form and agrees to its terms. */
async function payFixWithCard(page: Page, number: string) {
  const form = page.getByTestId("fix-card");
  await form.getByLabel("Card number").fill(number);
  await form.getByLabel("Expiration date").fill("12 / 34");
  await form.getByLabel("CVC").fill("123");
  await form.getByRole("checkbox").check();
  await form.locator("button.primary").click();
}

const CARD_FIX = {
  de: { fix: "Zahlung nachholen", done: "Visa mit Endziffern 4242", title: /Mit Karte bezahlen/ },
  ko: { fix: "결제 문제 해결하기", done: "3184", title: /카드로 결제하기/ },
} as const;

for (const [locale, number] of [
  ["de", "4242424242424242"],
  ["ko", "4000002760003184"],
] as const) {
  test(`${locale}: a past-due card subscription is fixed with another card (${number.slice(-4)}) and becomes active`, async ({
    browser,
  }) => {
    const words = CARD_FIX[locale];
    const context = await localeContext(browser, locale);
    const page = await context.newPage();
    await startCardTrial(page, "4000000000000341");
    await advance(page, 15);
    const card = subscription(page);
    await expect(card).toHaveAttribute("data-status", "past_due");
    await card.getByTestId("owing").getByRole("link", { name: words.fix }).click();
    await expect(page.getByTestId("fix-card-section").getByRole("heading", { name: words.title })).toBeVisible();
    await expect(page.getByTestId("fix-card").getByTestId("mandate-terms")).toBeVisible();
    await expectAccessible(page, `${locale} fix page with a card`);

    await payFixWithCard(page, number);
    if (number.endsWith("3184")) {
      // The card's setup and then the payment itself each ask for 3D Secure, on this page.
      for (const step of ["setup", "payment"]) {
        const dialog = page.getByRole("dialog");
        await expect(dialog, step).toBeVisible({ timeout: 20_000 });
        await expectAccessible(page, `${locale} 3D Secure (${step})`);
        await dialog.getByRole("button", { name: "Complete authentication" }).click();
        await expect(dialog).toHaveCount(0);
      }
    }
    const result = page.getByTestId("fix-result");
    await expect(result).toHaveAttribute("data-status", "active", { timeout: 20_000 });
    await expect(result).toContainText(words.done);
    await expectAccessible(page, `${locale} fixed with a card`);

    await page.goto("/account");
    await expect(card).toHaveAttribute("data-status", "active");
    await expect(card.getByTestId("charges").locator("li[data-status=open]")).toHaveCount(0);
    await expect(page.getByTestId("mandate").first()).toContainText(number.slice(-4));
    await expectAccessible(page, `${locale} account after the card fix`);
    await context.close();
  });
}

for (const locale of ["ko", "en"] as const) {
  test(`${locale}: an abandoned Kakao Pay first payment is completed from the account`, async ({ browser }) => {
    const context = await localeContext(browser, locale);
    const page = await context.newPage();
    await page.goto("/subscribe/stock_photos_monthly_krw?wallet=kakao_pay");
    await page.getByLabel(/email|이메일/i).fill(uniqueEmail("e2e-kakao-abandon"));
    await page.getByRole("checkbox").check();
    await page.locator("main form button.primary").click();
    await page.getByRole("button", { name: "Authorize test setup" }).click();
    // The payment page: the customer closes the tab instead of approving.
    await expect(page.getByRole("button", { name: "Authorize test payment" })).toBeVisible();

    await page.goto("/account");
    const card = subscription(page);
    await expect(card).toHaveAttribute("data-status", "incomplete");
    await expect(card.getByTestId("next-charge")).toHaveCount(0);
    await expectAccessible(page, `${locale} account incomplete`);
    await card.getByRole("button", { name: locale === "ko" ? "결제 완료하기" : "Complete the payment" }).click();
    await page.getByRole("button", { name: "Authorize test payment" }).click();
    await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");
    await page.goto("/account");
    await expect(card).toHaveAttribute("data-status", "active");
    await context.close();
  });
}

for (const locale of ["en", "de"] as const) {
  test(`${locale}: revoking the wallet that pays a subscription warns first; replacing it keeps the subscription`, async ({
    browser,
  }) => {
    const context = await localeContext(browser, locale);
    const page = await context.newPage();
    await page.goto("/subscribe/stock_photos_monthly_usd?wallet=amazon_pay");
    await page.getByLabel(/email|E-Mail/i).fill(uniqueEmail("e2e-revoke-warn"));
    await page.getByRole("checkbox").check();
    await page.locator("main form button.primary").click();
    await page.getByRole("button", { name: "Authorize test setup" }).click();
    await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");

    await page.goto("/account");
    const mandate = page.getByTestId("mandate").first();
    await mandate
      .getByRole("link", { name: locale === "de" ? "Diese Zahlungsart widerrufen" : "Revoke this payment method" })
      .click();
    const warning = page.getByTestId("revoke-warning");
    await expect(warning).toContainText(locale === "de" ? "Abonnement" : "pays your subscription");
    await expectAccessible(page, `${locale} revoke warning`);
    await warning
      .getByRole("link", {
        name: locale === "de" ? "Stattdessen eine andere Zahlungsart" : "Use another payment method instead",
      })
      .click();

    // Nothing is owed: the new wallet replaces the old one without a charge.
    await page.getByTestId("fix-wallet").getByRole("checkbox").check();
    await page.getByTestId("fix-wallet").locator("form button.primary").click();
    await page.getByRole("button", { name: "Authorize test setup" }).click();
    await expect(page.getByTestId("fix-result")).toHaveAttribute("data-status", "active");
    await expectAccessible(page, `${locale} replaced`);

    await page.goto("/account");
    await expect(page.getByTestId("mandate")).toHaveCount(2);
    // The original no longer pays anything: revoking it asks a plain confirmation.
    const original = page.getByTestId("mandate").last();
    await original
      .getByRole("link", { name: locale === "de" ? "Diese Zahlungsart widerrufen" : "Revoke this payment method" })
      .click();
    await expect(page.getByTestId("revoke-warning")).toHaveCount(0);
    await original.getByTestId("confirm").locator("button").click();
    await expect(original).toHaveAttribute("data-status", "revoked");
    await expect(subscription(page)).toHaveAttribute("data-status", "active");
    await context.close();
  });
}

test("ja: cancel at period end needs a confirmation and can be resumed; cancel now needs one too", async ({
  browser,
}) => {
  const context = await localeContext(browser, "ja");
  const page = await context.newPage();
  await startCardTrial(page, "4242424242424242");
  await page.goto("/account");
  const card = subscription(page);
  await card.getByRole("link", { name: "期間の終了時に解約" }).click();
  await expect(card.getByTestId("confirm")).toBeVisible();
  await expect(card.getByTestId("confirm").getByRole("button")).toBeFocused();
  await expectAccessible(page, "ja confirm");
  // "Keep it" changes nothing.
  await card.getByRole("link", { name: "このままにする" }).click();
  await expect(card).toHaveAttribute("data-cancel-at-period-end", "false");

  await card.getByRole("link", { name: "期間の終了時に解約" }).click();
  await card.getByRole("button", { name: "期間の終了時に解約する" }).click();
  await expect(card).toHaveAttribute("data-cancel-at-period-end", "true");
  await card.getByRole("button", { name: "サブスクリプションを続ける" }).click();
  await expect(page.getByRole("status")).toContainText("継続されます");
  await expect(card).toHaveAttribute("data-cancel-at-period-end", "false");

  await card.getByRole("link", { name: "今すぐ解約" }).click();
  await card.getByRole("button", { name: "今すぐ解約する" }).click();
  await expect(card).toHaveAttribute("data-status", "canceled");
  await context.close();
});

test("en: each charge links to its invoice, which opens with a PDF", async ({ page }) => {
  await page.goto("/subscribe/stock_photos_monthly_usd?wallet=amazon_pay");
  await page.getByLabel("Email").fill(uniqueEmail("e2e-receipt"));
  await page.getByRole("checkbox").check();
  await page.locator("main form button.primary").click();
  await page.getByRole("button", { name: "Authorize test setup" }).click();
  await page.goto("/account");
  const link = subscription(page).getByTestId("invoice-link");
  await expect(link).toHaveText("Invoice");
  const [invoicePage] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
  await expect(invoicePage.getByTestId("invoice")).toHaveAttribute("data-status", "paid");
  await expect(invoicePage.getByTestId("invoice")).toContainText("$15.00");
  const pdf = await invoicePage.request.get(
    (await invoicePage.getByRole("link", { name: "Download PDF" }).getAttribute("href")) ?? "",
  );
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 8).toString()).toBe("%PDF-1.4");
});

test("keyboard only: a card trial is started without the mouse", async ({ page }) => {
  await page.goto("/subscribe/stock_photos_monthly_usd?method=card&offer=trial_14d");
  // The skip link is the first stop and leads to the content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  const focusOn = async (locator: ReturnType<Page["locator"]>) => {
    for (let i = 0; i < 30 && !(await locator.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    await expect(locator).toBeFocused();
  };
  await focusOn(page.getByLabel("Email"));
  await page.keyboard.type(uniqueEmail("e2e-keyboard"));
  await focusOn(page.getByLabel("Card number"));
  await page.keyboard.type("4000002500003155");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Expiration date")).toBeFocused();
  await page.keyboard.type("1234");
  await page.keyboard.press("Tab");
  await page.keyboard.type("123");
  await focusOn(page.getByRole("checkbox"));
  await page.keyboard.press("Space");
  await focusOn(page.locator("main form button.primary"));
  await page.keyboard.press("Enter");
  // 3D Secure: the dialog holds the focus; Tab cycles inside it.
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Complete authentication" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Fail authentication" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Complete authentication" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("pending-setup")).toHaveAttribute("data-step", "done");
});

test("the 3D Secure dialog closes on Escape, and the card can be authenticated again", async ({ page }) => {
  await page.goto("/subscribe/stock_photos_monthly_usd?method=card&offer=trial_14d");
  await page.getByLabel("Email").fill(uniqueEmail("e2e-escape"));
  await page.getByLabel("Card number").fill("4000002500003155");
  await page.getByLabel("Expiration date").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("checkbox").check();
  await page.locator("main form button.primary").click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByTestId("pending-setup")).not.toHaveAttribute("data-step", "done");
});

for (const locale of ["en", "ja", "ko", "de"] as const) {
  test(`${locale}: a phone-sized screen (390 px) never scrolls sideways`, async ({ browser }) => {
    const context = await localeContext(browser, locale, { viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const noSideways = async (what: string) => {
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, `${locale} ${what}`).toBeLessThanOrEqual(clientWidth);
    };
    await startCardTrial(page, "4000000000000341");
    await noSideways("card trial started");
    await advance(page, 15);
    for (const path of [
      "/",
      "/pricing",
      "/subscribe/stock_photos_monthly_usd",
      "/subscribe/stock_photos_monthly_krw?wallet=kakao_pay",
      "/subscribe/stock_photos_monthly_usd?method=card&offer=trial_14d",
      "/save",
      "/account",
      "/no-such-page",
    ]) {
      await page.goto(path);
      await noSideways(path);
    }
    await page.goto("/account");
    await page.getByTestId("owing").getByRole("link").first().click();
    await expect(page.getByTestId("fix-what-failed")).toBeVisible();
    await noSideways("fix page");
    await context.close();
  });
}

test("every page in all four languages passes axe, has its own title, and the 404 is localized", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const titles = {
    en: "Page not found",
    ja: "ページが見つかりません",
    ko: "페이지를 찾을 수 없습니다",
    de: "Seite nicht gefunden",
  };
  for (const locale of ["en", "ja", "ko", "de"] as const) {
    const context = await localeContext(browser, locale);
    const page = await context.newPage();
    const seen = new Set<string>();
    for (const path of [
      "/",
      "/pricing",
      "/subscribe/stock_photos_monthly_usd",
      "/subscribe/stock_photos_monthly_krw?wallet=kakao_pay",
      "/subscribe/stock_photos_monthly_usd?method=card&offer=trial_14d",
      "/save",
      "/account",
    ]) {
      await page.goto(path);
      await expectAccessible(page, `${locale} ${path}`);
      seen.add(await page.title());
    }
    expect(seen.size, `${locale}: titles differ per page`).toBeGreaterThanOrEqual(5);
    const response = await page.goto("/subscribe/no_such_plan");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(titles[locale]);
    await expectAccessible(page, `${locale} 404`);
    await context.close();
  }
  const favicon = await (await browser.newContext()).request.get(`${test.info().project.use.baseURL}/favicon.ico`);
  expect(favicon.status()).toBe(200);
});

test("without JavaScript the wallet form still reaches the wallet, and the card page says why it cannot", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/subscribe/stock_photos_monthly_usd?method=card&offer=trial_14d");
  await expect(page.getByTestId("card-needs-js")).toContainText("needs JavaScript");
  await page.goto("/subscribe/stock_photos_monthly_usd?wallet=amazon_pay");
  await page.getByLabel("Email").fill(uniqueEmail("e2e-nojs"));
  await page.getByRole("checkbox").check();
  await page.locator("main form button.primary").click();
  await page.getByRole("button", { name: "Authorize test setup" }).click();
  await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");
  await context.close();
});
