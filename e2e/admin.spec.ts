import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, type Browser, type Page } from "@playwright/test";
import { test } from "./csp-watch";
import { consentToWallet, expectAccessible, localeContext, uniqueEmail } from "./support";
import { signInAsAdmin, signInAsCustomer } from "./support/auth";

// Long journeys through several pages on a shared 2-core machine.
test.describe.configure({ timeout: 240_000 });

const e2eDb = path.resolve(import.meta.dirname, "..", "data", "e2e.db");

function withDb<T>(work: (database: Database.Database) => T): T {
  const database = new Database(e2eDb);
  try {
    return work(database);
  } finally {
    database.close();
  }
}

type ConsentRow = { id: string; customerId: string; setupIntentId: string; paymentMethodId: string; status: string };
const consentOf = (email: string) =>
  withDb(
    (d) =>
      d
        .prepare(
          `SELECT c.id, c.customerId, c.setupIntentId, c.paymentMethodId, c.status FROM MandateConsent c
           JOIN Customer u ON u.id = c.customerId WHERE u.email = ? ORDER BY c.createdAt DESC LIMIT 1`,
        )
        .get(email) as ConsentRow,
  );

/** A customer who saved Amazon Pay for later (seed 000), in their own signed-in browser. */
async function customerWithSavedWallet(browser: Browser) {
  const email = uniqueEmail("admin-e2e");
  const context = await browser.newContext();
  const page = await context.newPage();
  await consentToWallet(page, { email, wallet: "Amazon Pay" });
  await page.getByRole("button", { name: "Authorize test setup" }).click();
  await expect(page.getByTestId("setup-result")).toHaveAttribute("data-status", "active");
  return { email, context, page, consent: consentOf(email) };
}

async function search(page: Page, text: string) {
  await page.goto("/admin/mandates");
  await page.getByRole("searchbox", { name: /email prefix or stripe id/i }).fill(text);
  await page.getByRole("button", { name: "Apply" }).click();
}

test("an admin finds a mandate, checks its evidence, charges, revokes, exports and replays", async ({ browser }) => {
  const customer = await customerWithSavedWallet(browser);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const adminEmail = await signInAsAdmin(admin, uniqueEmail("ops"));

  // By email prefix, typed in another case.
  await search(admin, customer.email.slice(0, 18).toUpperCase());
  const row = admin.getByRole("row").filter({ hasText: customer.email });
  await expect(row).toHaveCount(1);
  await expect(admin).toHaveURL(/q=/);
  await row.getByRole("link").first().click();
  await expect(admin).toHaveURL(new RegExp(`/admin/mandates/${customer.consent.id}$`));

  // By a pasted SetupIntent id: jumps straight to the evidence.
  await search(admin, customer.consent.setupIntentId);
  await expect(admin).toHaveURL(new RegExp(`/admin/mandates/${customer.consent.id}$`));
  await expect(admin.getByTestId("integrity")).toHaveText("intact");
  await expect(admin.getByTestId("live-mandate")).toHaveText("active");
  await expect(admin.getByText(customer.consent.setupIntentId)).toBeVisible();

  // Tamper with the stored text: the page says altered.
  withDb((d) =>
    d.prepare(`UPDATE MandateConsent SET termsText = termsText || ' ' WHERE id = ?`).run(customer.consent.id),
  );
  await admin.reload();
  await expect(admin.getByTestId("integrity")).toHaveText("altered");

  // Charge the saved wallet off-session.
  const charge = admin.getByRole("form", { name: /charge the saved wallet/i });
  await charge.getByLabel(/amount/i).fill("12.50");
  await charge.getByLabel(/description/i).fill("Extra image pack");
  await charge.getByRole("checkbox").check();
  await charge.getByRole("button", { name: "Charge now" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "The charge succeeded." })).toBeVisible();
  await expect(admin.getByTestId("charges")).toContainText("$12.50");
  await expect(admin.getByTestId("charges")).toContainText("Extra image pack");
  // A reload re-shows the result; nothing is charged twice.
  await admin.reload();
  await expect(admin.getByTestId("charges").getByRole("row")).toHaveCount(2);

  // Revoke: the customer's account shows it revoked.
  const revoke = admin.getByRole("form", { name: /revoke this mandate/i });
  await revoke.getByLabel(/reason/i).fill("Customer asked us by phone");
  await revoke.getByRole("checkbox").check();
  await revoke.getByRole("button", { name: "Revoke mandate" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "revoked" })).toBeVisible();
  await customer.page.goto("/account");
  await expect(customer.page.getByTestId("mandate").first()).toHaveAttribute("data-status", "revoked");
  // A refusal is named by its code and worded by us; text put into the address is never shown.
  const evidence = new URL(admin.url());
  await admin.goto(`${evidence.pathname}?revoke=refused&refusal=not_revocable&reason=Call+0800+123+now`);
  await expect(admin.getByRole("alert").filter({ hasText: "Only an active mandate can be revoked." })).toBeVisible();
  await expect(admin.getByText("Call 0800 123 now")).toHaveCount(0);
  // Prototype names and unknown charges read as plain failures, and still show no text from the address.
  await admin.goto(`${evidence.pathname}?charge=unknown&outcome=constructor&refusal=Call+0800+123+now`);
  await expect(admin.getByRole("alert").filter({ hasText: "The charge failed." })).toBeVisible();
  await expect(admin.getByText("Call 0800 123 now")).toHaveCount(0);
  await admin.goto(`${evidence.pathname}?revoke=__proto__`);
  await expect(admin.getByRole("alert").filter({ hasText: "Not revoked." })).toBeVisible();
  await admin.goto(evidence.pathname);

  // Export the filtered list: one row, counted in the file name.
  await search(admin, customer.email);
  const [download] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: /export csv/i }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^mandates-\d{4}-\d{2}-\d{2}-1-rows\.csv$/);
  const csv = (await (await download.createReadStream()).toArray()).join("");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^consent_id,accepted_at,customer_email/);
  expect(lines[1]).toContain(customer.consent.id);
  expect(lines[1]).toContain(customer.email);
  expect(lines[1]).toContain(",revoked,");

  // Replay a parked webhook event (the detach's, marked failed and out of attempts as if its handler had thrown).
  const detachedEvent = () =>
    withDb(
      (d) =>
        d
          .prepare(`SELECT id FROM WebhookEvent WHERE type = 'payment_method.detached' AND objectId = ?`)
          .get(customer.consent.paymentMethodId) as { id: string } | undefined,
    );
  await expect.poll(() => detachedEvent()?.id).toBeTruthy();
  const eventId = detachedEvent()!.id;
  withDb((d) =>
    d
      .prepare(`UPDATE WebhookEvent SET processedAt = NULL, error = 'simulated failure', parkedAt = ? WHERE id = ?`)
      .run(new Date().toISOString(), eventId),
  );
  await admin.goto("/admin/webhooks?state=failed");
  const eventRow = admin.getByRole("row").filter({ hasText: eventId });
  await expect(eventRow).toContainText("simulated failure");
  await eventRow.getByRole("checkbox").check();
  await eventRow.getByRole("button", { name: `Replay ${eventId}` }).click();
  await expect(admin.getByRole("status")).toContainText("back in the inbox");
  const replayed = () =>
    withDb(
      (d) =>
        d.prepare(`SELECT processedAt, error FROM WebhookEvent WHERE id = ?`).get(eventId) as {
          processedAt: string | null;
          error: string | null;
        },
    );
  // The worker applies it through the same handler.
  await expect.poll(() => replayed().processedAt).not.toBeNull();
  expect(replayed().error).toBeNull();

  // Every action is in the audit log, by this admin.
  await admin.goto("/admin/audit");
  for (const action of ["charge", "revoke", "export", "webhook replay"]) {
    await expect(
      admin.getByRole("row").filter({ hasText: adminEmail }).filter({ hasText: action }).first(),
    ).toBeVisible();
  }
  await adminContext.close();
  await customer.context.close();
});

test("every admin page, file and action is refused to anonymous and customer sessions", async ({ browser }) => {
  const customer = await customerWithSavedWallet(browser);
  const { id, customerId } = customer.consent;
  const pages = [
    "/admin",
    "/admin/mandates",
    "/admin/mandates?status=active",
    `/admin/mandates/${id}`,
    `/admin/customers/${customerId}`,
    "/admin/webhooks",
    "/admin/audit",
  ];
  const files = [
    `/admin/mandates/${id}/evidence.json`,
    "/admin/mandates/export",
    "/admin/mandates/export?status=active",
  ];

  // The forms exactly as an admin's browser would send them (with Next's action ids), to replay as others.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin, uniqueEmail("ops-forms"));
  await admin.goto(`/admin/mandates/${id}`);
  const forms = await admin.locator("form.action-form").evaluateAll((elements) =>
    elements.map((form) => {
      const data = new FormData(form as HTMLFormElement);
      return Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]));
    }),
  );
  expect(forms).toHaveLength(2);
  const [chargeForm, revokeForm] = forms.map((f) => ({ ...f, confirm: "on" }));
  Object.assign(chargeForm!, { amount: "9.99", description: "should never happen" });
  Object.assign(revokeForm!, { reason: "should never happen" });
  // The replay form of a failed event in the inbox.
  const failedEvent = `evt_e2e_refusal_${Date.now()}`;
  withDb((d) =>
    d
      .prepare(`INSERT INTO WebhookEvent (id, type, objectId, receivedAt, error) VALUES (?, ?, NULL, ?, ?)`)
      .run(failedEvent, "payment_method.detached", new Date().toISOString().replace("Z", "+00:00"), "simulated"),
  );
  await admin.goto("/admin/webhooks?state=failed");
  const replayForm = await admin
    .getByRole("row")
    .filter({ hasText: failedEvent })
    .locator("form")
    .evaluate((form) =>
      Object.fromEntries([...new FormData(form as HTMLFormElement).entries()].map(([k, v]) => [k, String(v)])),
    );
  await adminContext.close();

  const anonymous = await browser.newContext();
  const signedInCustomer = await browser.newContext();
  await signInAsCustomer(await signedInCustomer.newPage(), uniqueEmail("not-admin"));
  for (const [label, context] of [
    ["anonymous", anonymous],
    ["customer", signedInCustomer],
  ] as const) {
    const page = await context.newPage();
    for (const url of pages) {
      await page.goto(url);
      await expect(page, `${label} ${url}`).toHaveURL(/\/admin\/sign-in$/);
    }
    for (const url of files) {
      const response = await context.request.get(url);
      expect(response.status(), `${label} ${url}`).toBe(403);
    }
    const actions: [string, Record<string, string>][] = [
      [`/admin/mandates/${id}`, chargeForm!],
      [`/admin/mandates/${id}`, revokeForm!],
    ];
    actions.push(["/admin/webhooks", { ...replayForm, confirm: "on" }]);
    for (const [url, form] of actions) {
      const response = await context.request.post(url, { multipart: form, maxRedirects: 0 });
      // The action ran its guard and sent the visitor to the admin sign-in page.
      expect(response.status(), `${label} POST ${url}`).toBe(303);
      expect(response.headers()["location"], `${label} POST ${url}`).toContain("/admin/sign-in");
    }
    await page.close();
  }
  // Nothing happened: no charge, no audit row, the mandate still active.
  const after = withDb((d) => ({
    charges: (d.prepare(`SELECT count(*) AS n FROM AdminPayment WHERE consentId = ?`).get(id) as { n: number }).n,
    audits: (d.prepare(`SELECT count(*) AS n FROM AdminAuditLog WHERE targetId = ?`).get(id) as { n: number }).n,
    status: (d.prepare(`SELECT status FROM MandateConsent WHERE id = ?`).get(id) as { status: string }).status,
    replayed: (
      d.prepare(`SELECT processedAt FROM WebhookEvent WHERE id = ?`).get(failedEvent) as { processedAt: unknown }
    ).processedAt,
  }));
  expect(after).toEqual({ charges: 0, audits: 0, status: "active", replayed: null });
  await anonymous.close();
  await signedInCustomer.close();
  await customer.context.close();
});

test("axe finds no accessibility violations on the admin pages", async ({ browser }) => {
  const customer = await customerWithSavedWallet(browser);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsAdmin(page, uniqueEmail("ops-axe"));
  for (const url of [
    "/admin",
    "/admin/mandates",
    `/admin/mandates/${customer.consent.id}`,
    `/admin/customers/${customer.consent.customerId}`,
    "/admin/webhooks",
    "/admin/audit",
  ]) {
    await page.goto(url);
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      url,
    ).toEqual([]);
  }
  await context.close();
  await customer.context.close();
});

test("the admin console reads in the admin's language (Japanese by Accept-Language, Korean by the switch)", async ({
  browser,
}) => {
  const customer = await customerWithSavedWallet(browser);
  const context = await localeContext(browser, "ja");
  const page = await context.newPage();
  const adminEmail = await signInAsAdmin(page, uniqueEmail("ops-ja"));

  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page).toHaveTitle(/管理コンソールの概要/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("管理コンソールの概要");
  await expect(page.getByRole("navigation", { name: "管理" }).getByRole("link", { name: "監査ログ" })).toBeVisible();
  await expect(page.getByRole("img", { name: /日別の同意件数/ })).toBeVisible();
  await expectAccessible(page, "ja admin overview");

  // The list: filters, headers and statuses in Japanese; the search still finds by email.
  await page.goto("/admin/mandates");
  await expect(page).toHaveTitle(/マンデート/);
  await page.getByRole("searchbox", { name: "メールアドレスの先頭部分、または Stripe ID" }).fill(customer.email);
  await page.getByRole("combobox", { name: "ステータス" }).selectOption({ label: "有効" });
  await page.getByRole("button", { name: "適用" }).click();
  await expect(page).toHaveURL(/status=active/);
  await expect(page.getByRole("columnheader", { name: "同意日時（UTC）" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: customer.email });
  await expect(row).toContainText("ウォレットの保存");
  await expect(row).toContainText("有効");
  await expect(row).toContainText("年");
  await expectAccessible(page, "ja admin mandates");

  // The evidence: labels, integrity and the live status in Japanese; the exact times stay ISO UTC.
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/admin/mandates/${customer.consent.id}$`));
  await expect(page).toHaveTitle(/マンデートの証跡/);
  await expect(page.getByTestId("integrity")).toHaveText("改ざんなし");
  await expect(page.getByTestId("live-mandate")).toHaveText("有効");
  await expect(page.getByRole("heading", { name: "ステータスの履歴" })).toBeVisible();
  await expect(page.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} UTC$/).first()).toBeVisible();
  await expect(page.getByRole("form", { name: "保存済みウォレットにオフセッションで請求" })).toBeVisible();
  await expectAccessible(page, "ja admin evidence");

  // An action's result is in Japanese too.
  const revoke = page.getByRole("form", { name: "このマンデートを取り消す" });
  await revoke.getByLabel("理由（顧客に送られます）").fill("電話でのご依頼");
  await revoke.getByRole("checkbox").check();
  await revoke.getByRole("button", { name: "マンデートを取り消す" }).click();
  await expect(page.getByRole("status").filter({ hasText: "マンデートを取り消しました" })).toBeVisible();
  await expect(page.getByTestId("integrity")).toHaveText("改ざんなし");
  await expectAccessible(page, "ja admin evidence after revoking");

  for (const [url, heading] of [
    [`/admin/customers/${customer.consent.customerId}`, `顧客 ${customer.email}`],
    ["/admin/webhooks", "Webhook イベント"],
    ["/admin/audit", "監査ログ"],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expectAccessible(page, `ja ${url}`);
  }
  await expect(page.getByRole("row").filter({ hasText: adminEmail }).filter({ hasText: "取り消し" })).toContainText(
    "成功",
  );

  // The header's language switch works here too, and wins over Accept-Language.
  await page.getByRole("button", { name: "한국어" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("감사 로그");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expectAccessible(page, "ko admin audit");

  await context.close();
  await customer.context.close();
});
