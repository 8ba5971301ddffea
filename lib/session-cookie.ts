import { findCustomerByUserId } from "@/lib/db/customers";
import { currentSession } from "@/lib/auth/session";

/** The customer linked to this browser's signed-in user (better-auth database session), or null. */
export async function currentCustomerId(): Promise<string | null> {
  const session = await currentSession();
  if (!session) return null;
  return (await findCustomerByUserId(session.user.id))?.id ?? null;
}

/**
 * Kept for callers written against the old cookie. It grants nothing: a browser
 * is signed in only by a sign-in code, link or passkey, or by checkout creating
 * a new account (lib/auth/checkout-identity.ts). This only confirms the session
 * already belongs to the customer.
 */
export async function rememberCustomer(customerId: string): Promise<void> {
  const current = await currentCustomerId();
  if (current !== customerId) console.warn(`rememberCustomer: this session does not belong to customer ${customerId}`);
}
