import { expect, type Locator, type Page } from "@playwright/test";
import type { WalletName } from "../fixtures/constants";

/**
 * The mandate consent form, on `/save` and on `/subscribe/<plan>` (wallet or
 * card): the email, the wallet choice, the terms shown, the consent tick.
 */
export class ConsentForm {
  constructor(readonly page: Page) {}

  get terms(): Locator {
    return this.page.getByTestId("mandate-terms");
  }

  /** Types the email, unless the signed-in account's email is already there (read-only). */
  async fillEmail(email: string): Promise<void> {
    const field = this.page.getByLabel(/email|メール|이메일|E-Mail/i);
    if (await field.isEditable()) await field.fill(email);
  }

  async chooseWallet(wallet: WalletName): Promise<void> {
    await this.page.getByRole("radio", { name: wallet }).check();
    await expect(this.terms).toContainText(wallet);
  }

  /** Card number, expiry and CVC in the card element (inside `scope`, e.g. the recovery panel). */
  async fillCard(number: string, scope: Locator = this.page.locator("body")): Promise<void> {
    await scope.getByLabel("Card number").last().fill(number);
    await scope.getByLabel("Expiration date").last().fill("12 / 34");
    await scope.getByLabel("CVC").last().fill("123");
  }

  async agree(): Promise<void> {
    await this.page.getByRole("checkbox").check();
  }

  /** The form's main submit button (whatever the language says on it). */
  async submit(): Promise<void> {
    await this.page.locator("form button.primary[type=submit]").first().click();
  }

  /** Email, optional wallet, tick, submit: the browser then goes to the wallet's page (or 3D Secure). */
  async consent(options: { email: string; wallet?: WalletName; card?: string }): Promise<void> {
    await this.fillEmail(options.email);
    if (options.wallet) await this.chooseWallet(options.wallet);
    if (options.card) await this.fillCard(options.card);
    await this.agree();
    await this.submit();
  }
}
