import type { Customer } from "@/lib/db/models";
import { linkStripeCustomer } from "@/lib/db/customers";
import { stripe } from "@/lib/stripe/server";

/**
 * Our customer's Stripe Customer: adopted by email if one exists, otherwise
 * created once (the idempotency key is our own customer id, so concurrent first
 * requests create one Stripe customer).
 */
export async function ensureStripeCustomer(customer: Customer): Promise<Customer & { stripeCustomerId: string }> {
  if (customer.stripeCustomerId) return customer as Customer & { stripeCustomerId: string };
  const existing = await stripe().customers.list({ email: customer.email, limit: 1 });
  const stripeCustomer =
    existing.data[0] ??
    (await stripe().customers.create(
      { email: customer.email, preferred_locales: [customer.locale], metadata: { app_customer_id: customer.id } },
      { idempotencyKey: `customer-create:${customer.id}` },
    ));
  const linked = await linkStripeCustomer(customer.id, stripeCustomer.id);
  return linked as Customer & { stripeCustomerId: string };
}
