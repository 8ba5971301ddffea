import { expect, type Locator, type Page } from "@playwright/test";
import type { EmulatorFixture } from "../fixtures/emulator";

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

  /** Opens the page and checks a mandate is active both here (with the terms agreed to) and in Stripe. */
  async expectActiveMandate(mandateId: string, emulator: EmulatorFixture): Promise<void> {
    await this.goto();
    const card = this.mandateWithId(mandateId);
    await expect(card).toHaveAttribute("data-status", "active");
    await expect(card.getByTestId("agreed-terms")).not.toBeEmpty();
    const mandate = await emulator.sdk.mandates.retrieve(mandateId);
    expect([mandate.status, mandate.type]).toEqual(["active", "multi_use"]);
    expect(mandate.customer_acceptance.online?.user_agent).toContain("Chrome");
  }

  /** The mandate card naming a Stripe mandate id. */
  mandateWithId(mandateId: string): Locator {
    return this.page.getByTestId("mandate").filter({ hasText: mandateId });
  }

  /** Charges recorded under a subscription (first invoice and off-session renewals). */
  charges(index = 0): Locator {
    return this.subscription(index).getByTestId("charges").locator("li");
  }

  /** Cancels a subscription now; the page asks for a confirmation first. */
  async cancelNow(index = 0): Promise<void> {
    await this.confirm(this.subscription(index), "Cancel now", "Yes, cancel now");
  }

  /** Schedules the cancel at the end of the paid period; the page asks for a confirmation first. */
  async cancelAtPeriodEnd(index = 0): Promise<void> {
    await this.confirm(this.subscription(index), "Cancel at the end of the period", "Yes, cancel at period end");
  }

  /** Revokes a saved payment method (its mandate); the page asks for a confirmation first. */
  async revoke(index = 0): Promise<void> {
    await this.confirm(this.mandate(index), "Revoke this payment method", "Yes, revoke");
  }

  private async confirm(card: Locator, action: string, confirmation: string): Promise<void> {
    await card.getByRole("link", { name: action }).click();
    await card.getByTestId("confirm").getByRole("button", { name: confirmation }).click();
  }

  /** Local mode: moves the customer's Stripe test clock forward; trials end and renewals are charged. */
  async advanceClock(days: 15 | 31): Promise<void> {
    // The button's label is in the page's language ("+31 days", "+31日", …): match its number.
    await this.page
      .getByTestId("dev-clock")
      .getByRole("button", { name: new RegExp(`^\\+${days}\\D`) })
      .click();
    await expect(this.status).toBeVisible();
  }
}
