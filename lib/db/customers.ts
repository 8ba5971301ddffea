import { db } from "./client";
import { isUniqueViolation } from "./errors";

export function findCustomerById(id: string) {
  return db().customer.findUnique({ where: { id } });
}

export function findCustomerByEmail(email: string) {
  return db().customer.findUnique({ where: { email } });
}

/** Get or create by email; concurrent first requests converge on one row. */
export async function findOrCreateCustomer(email: string, locale: string) {
  const existing = await findCustomerByEmail(email);
  if (existing) return existing;
  try {
    return await db().customer.create({ data: { email, locale } });
  } catch (error) {
    if (isUniqueViolation(error)) return (await findCustomerByEmail(email))!;
    throw error;
  }
}

/** Links the Stripe customer once; a second writer keeps the first id. */
export async function linkStripeCustomer(
  customerId: string,
  stripeCustomerId: string,
  testClockId: string | null = null,
) {
  await db().customer.updateMany({
    where: { id: customerId, stripeCustomerId: null },
    data: { stripeCustomerId, testClockId },
  });
  return (await findCustomerById(customerId))!;
}
