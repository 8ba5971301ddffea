import { expect, test, type Page } from "@playwright/test";
import { uniqueEmail } from "./support";
import { emailsTo, waitForEmail } from "./support/inbox";

/** Each message must arrive once: wait a sweep or two longer, then count. */
async function expectOnce(to: string, subject: RegExp) {
  await waitForEmail({ to, subject });
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect(await emailsTo(to, subject)).toHaveLength(1);
}

async function advanceClock(page: Page, label: RegExp) {
  await page.getByTestId("dev-clock").getByRole("button", { name: label }).click();
  await expect(page.getByRole("status")).toBeVisible();
}

test.describe("in Japanese, Amazon Pay", () => {
  test.use({ locale: "ja-JP" });

  test("mandate confirmation, first receipt and renewal receipt arrive once each, in Japanese", async ({ page }) => {
    const email = uniqueEmail("mail-ja");
    await page.goto("/subscribe/stock_photos_monthly_usd?wallet=amazon_pay");
    await expect(page.getByTestId("mandate-terms")).toBeVisible();
    const terms = (await page.getByTestId("mandate-terms").innerText()).trim();
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: "同意して申し込む" }).click();
    await page.getByRole("button", { name: "Authorize test setup" }).click();
    await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");

    const confirmation = await waitForEmail({ to: email, subject: /支払い許可が有効になりました/ });
    expect(confirmation.subject).toContain("Lumen Stock Photos");
    expect(confirmation.subject).toContain("Amazon Pay");
    expect(confirmation.text).toContain("同意いただいた規約");
    // The exact text they agreed to (the page shows it with the same words).
    const firstSentence = terms.split("。")[0]!.replace(/^.*\n/s, "").trim();
    expect(confirmation.text.replace(/\s+/g, "")).toContain(firstSentence.replace(/\s+/g, "").slice(0, 40));
    expect(confirmation.html).toContain('lang="ja"');
    // The version and the moment of consent, as Japanese readers write them.
    expect(confirmation.text).toMatch(/バージョン 20\d\d-\d\d-\d\d、\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d UTC に同意/);

    const receipt = await waitForEmail({ to: email, subject: /領収書/ });
    expect(receipt.subject).toContain("$15.00");
    expect(receipt.text).toContain("初回のお支払いを受け付けました");
    expect(receipt.text).toContain("お支払い方法: Amazon Pay");

    await page.goto("/account");
    await advanceClock(page, /\+31/);
    await expect(
      page.getByTestId("subscription").getByTestId("charges").locator("li[data-off-session=true]"),
    ).toHaveCount(1);
    await expect.poll(async () => (await emailsTo(email, /領収書/)).length, { timeout: 20_000 }).toBe(2);
    const renewal = (await emailsTo(email, /領収書/)).find((mail) =>
      mail.text.includes("サブスクリプションが更新され"),
    );
    expect(renewal, "the renewal receipt says it is a renewal").toBeTruthy();

    await expectOnce(email, /支払い許可が有効になりました/);
    expect(await emailsTo(email)).toHaveLength(3);
  });
});

test.describe("in German, a card trial whose renewal fails", () => {
  test.use({ locale: "de-DE" });

  test("trial ending reminder and failed renewal notice arrive once each, in German, and the link leads to the subscription", async ({
    page,
  }) => {
    const email = uniqueEmail("mail-de");
    await page.goto("/subscribe/stock_photos_monthly_usd?method=card&offer=trial_14d");
    await page.getByLabel("E-Mail").fill(email);
    await page.getByLabel("Card number").last().fill("4000000000000341");
    await page.getByLabel("Expiration date").last().fill("12 / 34");
    await page.getByLabel("CVC").last().fill("123");
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Zustimmen und starten" }).click();
    await expect(page.getByTestId("pending-setup")).toHaveAttribute("data-step", "done");

    const confirmation = await waitForEmail({ to: email, subject: /Zahlungsermächtigung per Karte/ });
    expect(confirmation.text).toContain("Die Bedingungen, denen Sie zugestimmt haben");
    expect(confirmation.text).toContain("widerrufen");

    await page.goto("/account");
    await advanceClock(page, /\+15/);
    await expect(page.getByTestId("subscription")).toHaveAttribute("data-status", "past_due");

    const reminder = await waitForEmail({ to: email, subject: /Testzeitraum endet am/ });
    expect(reminder.text).toMatch(/monatlich 15,00\s\$/); // German format, non-breaking space
    expect(reminder.text).toContain("über Karte");

    const failed = await waitForEmail({ to: email, subject: /Verlängerungszahlung über 15,00\s\$ ist fehlgeschlagen/ });
    const link = /Zahlung jetzt korrigieren: (\S+)/.exec(failed.text)?.[1];
    expect(link, failed.text).toBeTruthy();
    await page.goto(link!);
    const card = page.locator(`#${new URL(link!).hash.slice(1)}`);
    await expect(card).toHaveAttribute("data-status", "past_due");
    await expect(card.getByRole("alert")).toBeVisible();

    await expectOnce(email, /Testzeitraum endet am/);
    await expectOnce(email, /fehlgeschlagen/);
    expect(await emailsTo(email, /Quittung/)).toHaveLength(0);
  });
});
