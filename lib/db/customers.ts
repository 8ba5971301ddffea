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

export function findCustomerByUserId(userId: string) {
  return db().customer.findUnique({ where: { userId } });
}

/** A proven address claims the customer record carrying it, unless another account already holds it. */
export async function linkCustomerToUser(email: string, userId: string): Promise<void> {
  await db().customer.updateMany({ where: { email: email.toLowerCase(), userId: null }, data: { userId } });
}

/** The customer of a signed-in user: theirs if linked, else created (linked) under their account's email. */
export async function customerOfUser(user: { id: string; email: string }, locale: string) {
  const linked = await findCustomerByUserId(user.id);
  if (linked) return linked;
  await linkCustomerToUser(user.email, user.id);
  const claimed = await findCustomerByUserId(user.id);
  if (claimed) return claimed;
  try {
    return await db().customer.create({ data: { email: user.email.toLowerCase(), locale, userId: user.id } });
  } catch (error) {
    if (isUniqueViolation(error)) return findCustomerByUserId(user.id);
    throw error;
  }
}

/** The customer row of an account checkout just created; null if the email was taken meanwhile. */
export async function findOrCreateCustomerOfNewUser(email: string, locale: string, userId: string) {
  try {
    return await db().customer.create({ data: { email, locale, userId } });
  } catch (error) {
    if (isUniqueViolation(error)) return findCustomerByUserId(userId);
    throw error;
  }
}
