import { expect, type Locator, type Page } from "@playwright/test";
import { THREE_DS_OUTCOMES } from "../fixtures/constants";

/** The 3D Secure challenge Stripe.js opens over the page. */
export class ThreeDsDialog {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole("dialog");
  }

  async complete(): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole("button", { name: THREE_DS_OUTCOMES.complete }).click();
  }

  async fail(): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole("button", { name: THREE_DS_OUTCOMES.fail }).click();
  }
}
