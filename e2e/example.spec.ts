// The example from e2e/README.md, kept here so it runs with the suite.
import { expect, PLANS, test, WALLETS } from "./fixtures";

test("Amazon Pay: a Stripe hiccup at subscribe is retried, and next month's renewal is charged off-session", async ({
  pricing,
  consentForm,
  walletPage,
  account,
  emulator,
  email,
}) => {
  await pricing.goto();
  await expect(pricing.plan("usd")).toContainText("$15.00");
  await pricing.openCheckout("usd", { wallet: WALLETS.amazonPay });
  await expect(consentForm.terms).toContainText("$15.00 per month");

  // Stripe answers the subscription create with a 500 once; the app retries under the same idempotency key.
  await emulator.failNext({ method: "POST", path: "/v1/subscriptions", kind: "500" });
  await consentForm.consent({ email });
  await walletPage.authorizeSetup();
  await expect(account.page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");

  const customer = await emulator.customerByEmail(email);
  const subscriptions = await emulator.sdk.subscriptions.list({ customer: customer.id });
  expect(subscriptions.data).toHaveLength(1);
  expect(subscriptions.data[0]!.items.data[0]!.price.lookup_key).toBe(PLANS.usd);

  await account.goto();
  await expect(account.subscription()).toHaveAttribute("data-status", "active");
  await account.advanceClock(31);
  await expect(account.charges().filter({ hasText: "$15.00" })).toHaveCount(2);
  await expect(account.charges().and(account.page.locator("[data-off-session=true][data-status=paid]"))).toHaveCount(1);
});
