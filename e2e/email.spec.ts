import { expect, LOCALES, test, TEST_CARDS, WALLETS } from "./fixtures";

test.describe("in Japanese, Amazon Pay", () => {
  test.use(LOCALES.ja);

  test("mandate confirmation, first receipt and renewal receipt arrive once each, in Japanese", async ({
    pricing,
    consentForm,
    walletPage,
    account,
    inbox,
    email,
  }) => {
    await pricing.openCheckout("usd", { wallet: WALLETS.amazonPay });
    const terms = (await consentForm.terms.innerText()).trim();
    await consentForm.consent({ email });
    await walletPage.authorizeSetup();
    await expect(account.page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");

    const confirmation = await inbox.waitFor(email, /支払い許可が有効になりました/);
    expect(confirmation.subject).toContain("Lumen Stock Photos");
    expect(confirmation.subject).toContain("Amazon Pay");
    expect(confirmation.text).toContain("同意いただいた規約");
    // The exact text they agreed to (the page shows it with the same words).
    const firstSentence = terms.split("。")[0]!.replace(/^.*\n/s, "").trim();
    expect(confirmation.text.replace(/\s+/g, "")).toContain(firstSentence.replace(/\s+/g, "").slice(0, 40));
    expect(confirmation.html).toContain('lang="ja"');
    // The version and the moment of consent, as Japanese readers write them.
    expect(confirmation.text).toMatch(/バージョン 20\d\d-\d\d-\d\d、\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d UTC に同意/);

    const receipt = await inbox.waitFor(email, /領収書/);
    expect(receipt.subject).toContain("$15.00");
    expect(receipt.text).toContain("初回のお支払いを受け付けました");
    expect(receipt.text).toContain("お支払い方法: Amazon Pay");

    await account.goto();
    await account.advanceClock(31);
    await expect(account.charges().and(account.page.locator("[data-off-session=true]"))).toHaveCount(1);
    await expect.poll(async () => (await inbox.to(email, /領収書/)).length, { timeout: 20_000 }).toBe(2);
    const renewal = (await inbox.to(email, /領収書/)).find((mail) =>
      mail.text.includes("サブスクリプションが更新され"),
    );
    expect(renewal, "the renewal receipt says it is a renewal").toBeTruthy();

    await inbox.expectOnce(email, /支払い許可が有効になりました/);
    expect(await inbox.to(email)).toHaveLength(3);
  });
});

test.describe("in German, a card trial whose renewal fails", () => {
  test.use(LOCALES.de);

  test("trial ending reminder and failed renewal notice arrive once each, in German, and the link leads to the fix", async ({
    pricing,
    consentForm,
    account,
    inbox,
    email,
  }) => {
    await pricing.openCheckout("usd", { card: "trial" });
    await consentForm.consent({ email, card: TEST_CARDS.chargesFail });
    await expect(account.page.getByTestId("pending-setup")).toHaveAttribute("data-step", "done");

    const confirmation = await inbox.waitFor(email, /Zahlungsermächtigung per Karte/);
    expect(confirmation.text).toContain("Die Bedingungen, denen Sie zugestimmt haben");
    expect(confirmation.text).toContain("widerrufen");

    await account.goto();
    await account.advanceClock(15);
    await expect(account.subscription()).toHaveAttribute("data-status", "past_due");

    const reminder = await inbox.waitFor(email, /Testzeitraum endet am/);
    expect(reminder.text).toMatch(/monatlich 15,00\s\$/); // German format, non-breaking space
    expect(reminder.text).toContain("über Karte");

    const failed = await inbox.waitFor(email, /Verlängerungszahlung über 15,00\s\$ ist fehlgeschlagen/);
    const link = /Zahlung jetzt korrigieren: (\S+)/.exec(failed.text)?.[1];
    expect(link, failed.text).toBeTruthy();
    await account.page.goto(link!);
    expect(new URL(account.page.url()).pathname).toMatch(/^\/account\/subscriptions\/\w+\/fix$/);
    await expect(account.page.getByRole("alert").first()).toBeVisible();

    await inbox.expectOnce(email, /Testzeitraum endet am/);
    await inbox.expectOnce(email, /fehlgeschlagen/);
    expect(await inbox.to(email, /Quittung/)).toHaveLength(0);
  });
});
