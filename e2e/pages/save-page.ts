import { expect, type Locator, type Page } from "@playwright/test";
import { ConsentForm } from "./consent-form";
import { WalletPage } from "./wallet-page";

/** `/save`: save a wallet for later payments, through our form (Stripe.js or the server's redirect) or Stripe Checkout. */
export class SavePage extends ConsentForm {
  /** The wallet's authorization page the form leads to. */
  readonly wallet: WalletPage;
  /** Where the wallet sends the customer back. */
  readonly result: SetupResult;
  /** Stripe Checkout's hosted page, when saving through Checkout. */
  readonly checkout: CheckoutPage;

  constructor(page: Page) {
    super(page);
    this.wallet = new WalletPage(page);
    this.result = new SetupResult(page);
    this.checkout = new CheckoutPage(page);
  }

  async goto(): Promise<void> {
    await this.page.goto("/save");
  }

  get submitButton(): Locator {
    return this.page.getByRole("button", { name: "Agree and continue to the wallet" });
  }

  /** Opens /save, types the email and ticks the consent (Amazon Pay is the page's default wallet). */
  async fill(email: string): Promise<void> {
    await this.goto();
    await this.fillEmail(email);
    await expect(this.page.getByRole("radio", { name: "Amazon Pay" })).toBeChecked();
    await this.agree();
  }

  /** Stripe Checkout's hosted page (seed 001) instead of our own form. */
  async saveWithCheckout(): Promise<void> {
    await this.page.getByRole("button", { name: "Save with Stripe Checkout" }).click();
    await expect(this.page.getByRole("button", { name: "Save payment method" })).toBeVisible();
  }
}

/** The result of a wallet authorization (`/save/return`, `/save/checkout-return`). */
export class SetupResult {
  constructor(readonly page: Page) {}

  get card(): Locator {
    return this.page.getByTestId("setup-result");
  }

  /** Waits for the active mandate and returns its Stripe id. */
  async activeMandateId(): Promise<string> {
    await expect(this.card).toHaveAttribute("data-status", "active");
    return (await this.card.locator("dd", { hasText: "mandate_" }).textContent())!.trim();
  }
}

/** Stripe Checkout's hosted page in setup mode (the emulator's stand-in). */
export class CheckoutPage {
  constructor(readonly page: Page) {}

  async save(): Promise<void> {
    await this.page.getByRole("button", { name: "Save payment method" }).click();
  }

  async back(): Promise<void> {
    await this.page.getByRole("link", { name: "Back" }).click();
  }

  sessionId(): string {
    return /\/c\/pay\/(cs_test_\w+)/.exec(this.page.url())![1]!;
  }
}
