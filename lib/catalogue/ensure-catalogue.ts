import type Stripe from "stripe";
import { idOf } from "@/lib/stripe/ids";
import { OFFERS } from "./offers";
import { PLANS, PRODUCT } from "./plans";

/**
 * Creates the product and the plan prices that are missing, found by lookup key.
 * Running it again (or against a real Stripe account) creates nothing twice.
 */
export async function ensureCatalogue(stripe: Stripe): Promise<Stripe.Price[]> {
  await ensureCoupons(stripe);
  const lookupKeys = PLANS.map((plan) => plan.lookupKey);
  const existing = await stripe.prices.list({ lookup_keys: lookupKeys, active: true, limit: 100 });
  const missing = PLANS.filter((plan) => !existing.data.some((price) => price.lookup_key === plan.lookupKey));
  if (missing.length === 0) return existing.data;

  const productId = existing.data[0] ? idOf(existing.data[0].product)! : (await findOrCreateProduct(stripe)).id;
  const created = [];
  for (const plan of missing) {
    created.push(
      await stripe.prices.create(
        {
          product: productId,
          currency: plan.currency,
          unit_amount: plan.unitAmount,
          recurring: { interval: plan.interval },
          lookup_key: plan.lookupKey,
          metadata: { catalogue: PRODUCT.key },
        },
        { idempotencyKey: `catalogue-price:${plan.lookupKey}:${plan.currency}:${plan.unitAmount}` },
      ),
    );
  }
  return [...existing.data, ...created];
}

async function findOrCreateProduct(stripe: Stripe): Promise<Stripe.Product> {
  const products = await stripe.products.list({ limit: 100 });
  const found = products.data.find((product) => product.metadata.catalogue === PRODUCT.key);
  if (found) return found;
  return stripe.products.create(
    { name: PRODUCT.name, metadata: { catalogue: PRODUCT.key } },
    { idempotencyKey: `catalogue-product:${PRODUCT.key}` },
  );
}

/** Coupons are looked up by their fixed id; a missing one is created. */
async function ensureCoupons(stripe: Stripe): Promise<void> {
  for (const { coupon } of Object.values(OFFERS)) {
    if (!coupon) continue;
    try {
      await stripe.coupons.retrieve(coupon.id);
    } catch (error) {
      if ((error as { code?: string }).code !== "resource_missing") throw error;
      await stripe.coupons.create(
        { id: coupon.id, percent_off: coupon.percentOff, duration: coupon.duration, name: "First month free" },
        { idempotencyKey: `catalogue-coupon:${coupon.id}` },
      );
    }
  }
}
