import type { Wallet } from "@/lib/mandate/wallets";

/**
 * The catalogue of seeds 002 and 004: one stock-photo product, billed monthly,
 * priced in USD (Amazon Pay) and in KRW (Kakao Pay). Prices are found by lookup
 * key, so the same code works against the emulator and a real Stripe account.
 */
export const PRODUCT = { key: "stock_photos", name: "Lumen Stock Photos — monthly" } as const;

export interface PlanDefinition {
  lookupKey: string;
  currency: string;
  /** In the currency's minor unit as Stripe counts it (KRW is zero-decimal: 100000 = ₩100,000). */
  unitAmount: number;
  interval: "month";
  wallets: readonly Wallet[];
  /** Cards are offered for deferred-payment offers (seed 003). */
  acceptsCard: boolean;
}

export const PLANS: readonly PlanDefinition[] = [
  {
    lookupKey: "stock_photos_monthly_usd",
    currency: "usd",
    unitAmount: 1500,
    interval: "month",
    wallets: ["amazon_pay"],
    acceptsCard: true,
  },
  {
    lookupKey: "stock_photos_monthly_krw",
    currency: "krw",
    unitAmount: 100000,
    interval: "month",
    wallets: ["kakao_pay"],
    acceptsCard: false,
  },
];

export function planByLookupKey(lookupKey: string): PlanDefinition | undefined {
  return PLANS.find((plan) => plan.lookupKey === lookupKey);
}
