import type { Customer } from "@/lib/db/models";
import { linkStripeCustomer } from "@/lib/db/customers";
import { env } from "@/lib/env";
import { idOf } from "@/lib/stripe/ids";
import { stripe } from "@/lib/stripe/server";

export type LinkedCustomer = Customer & { stripeCustomerId: string };

/**
 * Our customer's Stripe Customer: adopted by email if one exists, otherwise
 * created once (the idempotency keys are our own customer id, so concurrent
 * first requests create one Stripe customer). In local and test mode each new
 * customer gets its own test clock, so renewals can be driven by advancing it.
 */
export async function ensureStripeCustomer(customer: Customer): Promise<LinkedCustomer> {
  if (customer.stripeCustomerId) return customer as LinkedCustomer;
  const existing = (await stripe().customers.list({ email: customer.email, limit: 1 })).data[0];
  if (existing)
    return (await linkStripeCustomer(customer.id, existing.id, idOf(existing.test_clock))) as LinkedCustomer;

  const testClock = env().useTestClocks
    ? await stripe().testHelpers.testClocks.create(
        // The customer's own creation time, not "now": a concurrent or retried request must send the same
        // parameters under the same key, and two clocks read a second apart would be refused as a conflict.
        { frozen_time: Math.floor(customer.createdAt.getTime() / 1000), name: `customer ${customer.id}` },
        { idempotencyKey: `test-clock-create:${customer.id}` },
      )
    : null;
  const created = await stripe().customers.create(
    {
      email: customer.email,
      preferred_locales: [customer.locale],
      metadata: { app_customer_id: customer.id },
      ...(testClock ? { test_clock: testClock.id } : {}),
    },
    { idempotencyKey: `customer-create:${customer.id}` },
  );
  return (await linkStripeCustomer(customer.id, created.id, testClock?.id ?? null)) as LinkedCustomer;
}
