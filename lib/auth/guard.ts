import { redirect } from "next/navigation";
import type { Customer } from "@/lib/db/models";
import { customerOfUser } from "@/lib/db/customers";
import { requestLocale } from "@/lib/i18n/request-locale";
import { currentSession, isAdmin, sessionFromHeaders } from "./session";

export const ADMIN_SIGN_IN_PATH = "/admin/sign-in";
export const CUSTOMER_SIGN_IN_PATH = "/account";

export interface AdminIdentity {
  userId: string;
  email: string;
  name: string | null;
}

/**
 * Every /admin page and server action starts here: the role is read on the
 * server from the database session; anyone else goes to the admin sign-in page.
 */
export async function requireAdmin(): Promise<AdminIdentity> {
  const session = await currentSession();
  if (!session || !isAdmin(session)) redirect(ADMIN_SIGN_IN_PATH);
  return { userId: session.user.id, email: session.user.email, name: session.user.name || null };
}

/** For /admin route handlers: the admin behind the request, or null (they answer 401/403 themselves). */
export async function adminFromRequest(request: Request): Promise<{ userId: string; email: string } | null> {
  const session = await sessionFromHeaders(request.headers);
  return session && isAdmin(session) ? { userId: session.user.id, email: session.user.email } : null;
}

/** The signed-in customer's record (created under their account's email on first use), or null. */
export async function currentCustomer(): Promise<Customer | null> {
  const session = await currentSession();
  if (!session) return null;
  return customerOfUser(session.user, await requestLocale());
}

/** For customer pages and actions: signed out goes to the account page, which offers sign-in. */
export async function requireCustomer(): Promise<Customer> {
  const customer = await currentCustomer();
  if (!customer) redirect(CUSTOMER_SIGN_IN_PATH);
  return customer;
}
