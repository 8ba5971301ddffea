/** Redirect wallets the product saves under a mandate, and the currencies each can pay. */
export const WALLETS = ["amazon_pay", "kakao_pay"] as const;
export type Wallet = (typeof WALLETS)[number];

export const WALLET_NAMES: Record<Wallet, string> = {
  amazon_pay: "Amazon Pay",
  kakao_pay: "Kakao Pay",
};

export const WALLET_CURRENCIES: Record<Wallet, readonly string[]> = {
  amazon_pay: ["usd", "eur", "gbp", "jpy"],
  kakao_pay: ["krw"],
};

export function isWallet(value: unknown): value is Wallet {
  return typeof value === "string" && (WALLETS as readonly string[]).includes(value);
}

/** Everything a subscription can be paid with: the redirect wallets and cards. */
export type PaymentMethodKind = Wallet | "card";

const CARD_NAMES = { en: "card", ja: "カード", ko: "카드", de: "Karte" } as const;

/** How a payment method is named in text the customer reads. */
export function methodName(kind: PaymentMethodKind, locale: keyof typeof CARD_NAMES): string {
  return kind === "card" ? CARD_NAMES[locale] : WALLET_NAMES[kind];
}
