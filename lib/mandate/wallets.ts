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
