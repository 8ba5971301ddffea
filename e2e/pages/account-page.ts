import { expect, type Locator, type Page } from "@playwright/test";

/** `/account`: the customer's subscriptions, mandates and the local test clock. */
export class AccountPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/account");
  }

  /** The page's announcement of what the last action did. */
  get status(): Locator {
    return this.page.getByRole("status");
  }

  subscription(index = 0): Locator {
    return this.page.getByTestId("subscription").nth(index);
  }

  mandate(index = 0): Locator {
    return this.page.getByTestId("mandate").nth(index);
  }

  /** Charges recorded under a subscription (first invoice and off-session renewals). */
  charges(index = 0): Locator {
    return this.subscription(index).getByTestId("charges").locator("li");
  }

  /** Local mode: moves the customer's Stripe test clock forward; trials end and renewals are charged. */
  async advanceClock(days: 15 | 31): Promise<void> {
    await this.page
      .getByTestId("dev-clock")
      .getByRole("button", { name: `+${days} days` })
      .click();
    await expect(this.status).toContainText(/clock|時計|시계|Uhr/i);
  }
}
