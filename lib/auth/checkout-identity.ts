import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { customerOfUser, findCustomerByEmail, findOrCreateCustomerOfNewUser } from "@/lib/db/customers";
import { requestContextFrom } from "@/lib/http/request-context";
import type { Locale } from "@/lib/i18n/locales";
import { consentAllowance } from "@/lib/rate-limit/consent-allowance";
import { takeAttempt } from "@/lib/rate-limit/limiters";
import { auth } from "./auth";
import { currentSession } from "./session";
import { SIGN_IN_CODES_LIMITED } from "./sign-in-code-limit";

export type CheckoutIdentity =
  /** Who this checkout is for: the signed-in account, or the account just created for a new email. */
  | { kind: "customer"; customerId: string; email: string }
  /** The email belongs to an account: a code was sent, and the checkout waits for the sign-in. */
  | { kind: "sign_in_required"; email: string }
  /** Too many submissions from here or for this email, or too many codes asked for it: nothing created or sent. */
  | { kind: "rate_limited" };

/**
 * Checkout never grants access by a typed email. Signed in: the account's own
 * email (the typed one is ignored). New email: the account is created and this
 * browser signed in. An email that already has an account (or a customer record
 * from before accounts existed): a sign-in code goes to it and nothing else happens.
 */
export async function resolveCheckoutIdentity(typedEmail: string, locale: Locale): Promise<CheckoutIdentity> {
  const requestHeaders = await headers();
  // A burst from one address (or for one email) creates no account and sends no code.
  const { ipAddress } = requestContextFrom(requestHeaders);
  if (!(await consentAllowance(ipAddress, typedEmail)).ok) return { kind: "rate_limited" };
  const session = await currentSession();
  if (session) {
    const customer = await customerOfUser(session.user, locale);
    if (customer) return { kind: "customer", customerId: customer.id, email: customer.email };
  }
  const email = typedEmail.toLowerCase();
  // Signed out, what follows creates an account or sends a code: it uses one of the address's attempts.
  if (!(await takeAttempt("consentPerIp", ipAddress)).ok) return { kind: "rate_limited" };
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
