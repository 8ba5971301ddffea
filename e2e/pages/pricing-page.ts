import type { Page } from "@playwright/test";
import { OFFERS, PLANS, type WalletName } from "../fixtures/constants";

/** `/pricing`, and the shortcuts to each plan's checkout. */
export class PricingPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/pricing");
  }

  /** A plan's card: "usd" (Amazon Pay) or "krw" (Kakao Pay). */
  plan(currency: "usd" | "krw") {
    return this.page.getByTestId(`plan-${currency}`);
  }

  /** Opens a plan's checkout directly: a wallet, or a card with a deferred-payment offer. */
  async openCheckout(
    currency: "usd" | "krw",
    how: { wallet: WalletName } | { card: keyof typeof OFFERS } | { walletTrial: WalletName },
  ): Promise<void> {
    const plan = PLANS[currency];
    if ("card" in how) return void (await this.page.goto(`/subscribe/${plan}?method=card&offer=${OFFERS[how.card]}`));
    const wallet = ("wallet" in how ? how.wallet : how.walletTrial) === "Amazon Pay" ? "amazon_pay" : "kakao_pay";
    const offer = "walletTrial" in how ? `&offer=${OFFERS.trial}` : "";
    await this.page.goto(`/subscribe/${plan}?wallet=${wallet}${offer}`);
  }
}
