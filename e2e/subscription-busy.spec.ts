import path from "node:path";
import Database from "better-sqlite3";
import { expect } from "@playwright/test";
import { de } from "../lib/i18n/messages/de";
import { test } from "./csp-watch";
import { expectAccessible, localeContext, startCardTrial } from "./support";

const e2eDb = path.resolve(import.meta.dirname, "..", "data", "e2e.db");

test.describe.configure({ timeout: 180_000 });

/** Another change (a second tab, an admin) holds the customer's subscription for the next minute. */
function holdSubscriptionOf(email: string) {
  const database = new Database(e2eDb);
  try {
    // Prisma's SQLite format for DateTime columns.
    const until = new Date(Date.now() + 60_000).toISOString().replace("Z", "+00:00");
    return database
      .prepare(
        `UPDATE Subscription SET actionToken = 'e2e-other-tab', actionLockedUntil = ?
         WHERE customerId IN (SELECT id FROM Customer WHERE email = ?)`,
      )
      .run(until, email).changes;
  } finally {
    database.close();
  }
}

test("de: a cancel while another change holds the subscription says so, shows it unchanged, and can be done later", async ({
  browser,
}) => {
  const context = await localeContext(browser, "de");
  const page = await context.newPage();
  const email = await startCardTrial(page, "4242424242424242");
  await page.goto("/account");
  const card = page.getByTestId("subscription").first();
  await expect(card).toHaveAttribute("data-cancel-at-period-end", "false");

  expect(holdSubscriptionOf(email)).toBe(1);
  await card.getByRole("link", { name: de.cancelAtPeriodEnd }).click();
  await card.getByRole("button", { name: de.confirmCancelPeriodEnd }).click();
  // The action waits its turn (20 s), then gives up without touching Stripe.
  await expect(page.getByRole("alert").filter({ hasText: de.subscriptionBusy })).toBeVisible({ timeout: 40_000 });
  await expect(card).toHaveAttribute("data-cancel-at-period-end", "false");
  await expectAccessible(page, "de subscription busy");

  // Once the other change is over (its claim lapsed or was released), the same control works.
  const database = new Database(e2eDb);
  database
    .prepare(`UPDATE Subscription SET actionToken = NULL, actionLockedUntil = NULL WHERE actionToken = 'e2e-other-tab'`)
    .run();
  database.close();
  await card.getByRole("link", { name: de.cancelAtPeriodEnd }).click();
  await card.getByRole("button", { name: de.confirmCancelPeriodEnd }).click();
  await expect(card).toHaveAttribute("data-cancel-at-period-end", "true");
  await context.close();
});
