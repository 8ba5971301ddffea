import type Stripe from "stripe";
import { readCatalogueSnapshot, saveCatalogueSnapshot } from "@/lib/db/catalogue-snapshots";
import { stripe } from "@/lib/stripe/server";
import { PLANS, type PlanDefinition } from "./plans";

export interface Plan extends PlanDefinition {
  priceId: string;
  productName: string;
}

export interface Catalogue {
  plans: Plan[];
  /** Set when Stripe did not answer: the plans are the last ones read, at this time. */
  staleSince: Date | null;
}

const CACHE_MS = 60_000;
/** A page waits this long for Stripe's prices, once, before it shows the last known ones. */
const READ_TIMEOUT_MS = 3000;
let cache: { at: number; plans: Plan[] } | undefined;

async function readFromStripe(): Promise<Plan[]> {
  const prices = await stripe().prices.list(
    { lookup_keys: PLANS.map((plan) => plan.lookupKey), active: true, expand: ["data.product"] },
    { timeout: READ_TIMEOUT_MS, maxNetworkRetries: 0 },
  );
  return PLANS.flatMap((definition) => {
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
}

/**
 * The plans as Stripe prices them now (cached briefly: the pricing page must
 * not call Stripe per view). Each read is stored; when Stripe does not answer,
 * the last stored read is served, marked stale. Only a first-ever read with
 * Stripe down fails.
 */
export async function loadCatalogue(): Promise<Catalogue> {
  if (cache && Date.now() - cache.at < CACHE_MS) return { plans: cache.plans, staleSince: null };
  try {
    const plans = await readFromStripe();
    const readAt = new Date();
    cache = { at: readAt.getTime(), plans };
    await saveCatalogueSnapshot(plans, readAt);
    return { plans, staleSince: null };
  } catch (error) {
    const snapshot = await readCatalogueSnapshot();
    if (!snapshot) throw error;
    console.warn(
      `[catalogue] Stripe did not answer (${(error as Error).message}); serving the plans read at ${snapshot.readAt.toISOString()}`,
    );
    return { plans: snapshot.plans as Plan[], staleSince: snapshot.readAt };
  }
}

/** Forgets the in-process copy (the stored one stays): the next read asks Stripe again. */
export function forgetCachedCatalogue(): void {
  cache = undefined;
}

export async function loadPlans(): Promise<Plan[]> {
  return (await loadCatalogue()).plans;
}

export async function findPlan(lookupKey: string): Promise<Plan | undefined> {
  return (await loadPlans()).find((plan) => plan.lookupKey === lookupKey);
}
