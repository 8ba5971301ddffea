import type Stripe from "stripe";
import { stripe } from "@/lib/stripe/server";
import { PLANS, type PlanDefinition } from "./plans";

export interface Plan extends PlanDefinition {
  priceId: string;
  productName: string;
}

const CACHE_MS = 60_000;
let cache: { at: number; plans: Plan[] } | undefined;

/** The plans as Stripe prices them now (cached briefly: the pricing page must not call Stripe per view). */
export async function loadPlans(): Promise<Plan[]> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.plans;
  const prices = await stripe().prices.list({
    lookup_keys: PLANS.map((plan) => plan.lookupKey),
    active: true,
    expand: ["data.product"],
  });
  const plans = PLANS.flatMap((definition) => {
    const price = prices.data.find((p) => p.lookup_key === definition.lookupKey);
    if (!price || price.unit_amount === null) return [];
    const product = price.product as Stripe.Product;
    return [
      {
        ...definition,
        currency: price.currency,
        unitAmount: price.unit_amount,
        priceId: price.id,
        productName: product.name,
      },
    ];
  });
  cache = { at: Date.now(), plans };
  return plans;
}

export async function findPlan(lookupKey: string): Promise<Plan | undefined> {
  return (await loadPlans()).find((plan) => plan.lookupKey === lookupKey);
}
