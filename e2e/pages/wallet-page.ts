import { expect, type Page } from "@playwright/test";
import { WALLET_OUTCOMES } from "../fixtures/constants";

/** The wallet's authorization page (the emulator's stand-in for Amazon Pay's and Kakao Pay's). */
export class WalletPage {
  constructor(readonly page: Page) {}

  private async press(label: string): Promise<void> {
    const button = this.page.getByRole("button", { name: label });
    await expect(button).toBeVisible();
    await button.click();
  }

  authorizeSetup = () => this.press(WALLET_OUTCOMES.authorizeSetup);
  failSetup = () => this.press(WALLET_OUTCOMES.failSetup);
  /** Kakao Pay's first invoice (seed 002) needs the customer a second time. */
  authorizePayment = () => this.press(WALLET_OUTCOMES.authorizePayment);
  failPayment = () => this.press(WALLET_OUTCOMES.failPayment);
}
