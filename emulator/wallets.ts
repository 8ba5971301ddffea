/**
 * The payment method types the emulator knows. Redirect wallets send the
 * customer to the emulator's authorization page; each has its own rules.
 */
import type Stripe from "stripe";

export interface WalletInfo {
  displayName: string;
  /** Currencies a PaymentIntent may use (SetupIntents are not checked). */
  currencies: readonly string[] | null;
  /**
   * Kakao Pay asks the customer to approve a subscription's first payment even
   * with a mandate, so that invoice's PaymentIntent waits for a confirm.
   */
  firstSubscriptionPaymentNeedsCustomer: boolean;
}

export const REDIRECT_WALLETS = {
  amazon_pay: { displayName: "Amazon Pay", currencies: null, firstSubscriptionPaymentNeedsCustomer: false },
  kakao_pay: { displayName: "Kakao Pay", currencies: ["krw"], firstSubscriptionPaymentNeedsCustomer: true },
} as const satisfies Record<string, WalletInfo>;

export type WalletType = keyof typeof REDIRECT_WALLETS;

/** Types accepted in `allowed_payment_method_types` (cards: see cards.ts). */
export const KNOWN_PAYMENT_METHOD_TYPES = ["amazon_pay", "kakao_pay", "card"] as const;

export function isRedirectWallet(type: string): type is WalletType {
  return Object.hasOwn(REDIRECT_WALLETS, type);
}

export function walletInfo(type: string): WalletInfo | null {
  return isRedirectWallet(type) ? REDIRECT_WALLETS[type] : null;
}

/** The per-type hash on a PaymentMethod (`amazon_pay: {}`). */
export function paymentMethodDetails(type: WalletType): Pick<Stripe.PaymentMethod, WalletType> {
  return type === "amazon_pay" ? { amazon_pay: {} } : { kakao_pay: {} };
}

/** The per-type hash on a Mandate's payment_method_details. */
export function mandateDetails(type: WalletType): Stripe.Mandate.PaymentMethodDetails {
  return type === "amazon_pay" ? { type, amazon_pay: {} } : { type, kakao_pay: {} };
}
