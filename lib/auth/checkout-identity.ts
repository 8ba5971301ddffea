import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { customerOfUser, findCustomerByEmail, findOrCreateCustomerOfNewUser } from "@/lib/db/customers";
import type { Locale } from "@/lib/i18n/locales";
import { auth } from "./auth";
import { currentSession } from "./session";
import { SIGN_IN_CODES_LIMITED } from "./sign-in-code-limit";

export type CheckoutIdentity =
  /** Who this checkout is for: the signed-in account, or the account just created for a new email. */
  | { kind: "customer"; customerId: string; email: string }
  /** The email belongs to an account: a code was sent, and the checkout waits for the sign-in. */
  | { kind: "sign_in_required"; email: string }
  /** The email has an account, but too many codes were asked for it from here: none was sent. */
  | { kind: "rate_limited" };

/**
 * Checkout never grants access by a typed email. Signed in: the account's own
 * email (the typed one is ignored). New email: the account is created and this
 * browser signed in. An email that already has an account (or a customer record
 * from before accounts existed): a sign-in code goes to it and nothing else happens.
 */
export async function resolveCheckoutIdentity(typedEmail: string, locale: Locale): Promise<CheckoutIdentity> {
  const session = await currentSession();
  if (session) {
    const customer = await customerOfUser(session.user, locale);
    if (customer) return { kind: "customer", customerId: customer.id, email: customer.email };
  }
  const email = typedEmail.toLowerCase();
  const requestHeaders = await headers();
  if (!(await findCustomerByEmail(email))) {
    const created = await auth().api.createCheckoutAccount({ body: { email }, headers: requestHeaders });
    if (created.created) {
      const customer = await findOrCreateCustomerOfNewUser(email, locale, created.userId);
      if (customer) return { kind: "customer", customerId: customer.id, email: customer.email };
    }
  }
  try {
    await auth().api.sendVerificationOTP({ body: { email, type: "sign-in" }, headers: requestHeaders });
  } catch (error) {
    if (isAPIError(error) && error.body?.code === SIGN_IN_CODES_LIMITED) return { kind: "rate_limited" };
    throw error;
  }
  return { kind: "sign_in_required", email };
}
