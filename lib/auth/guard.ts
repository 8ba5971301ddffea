import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Customer } from "@/lib/db/models";
import { customerOfUser } from "@/lib/db/customers";
import { requestLocale } from "@/lib/i18n/request-locale";
import { adminIsSetUp } from "@/lib/db/admin-accounts";
import { currentSession, isAdmin, sessionFromHeaders, type AuthSession } from "./session";

export const ADMIN_SIGN_IN_PATH = "/admin/sign-in";
export const ADMIN_SETUP_PATH = "/admin/setup";
export const CUSTOMER_SIGN_IN_PATH = "/account";

export interface AdminIdentity {
  userId: string;
  email: string;
  name: string | null;
}

/**
 * What a session may do in /admin: `granted` (an admin with a password and the
 * emailed-code second factor, signed in with a second factor); `setup` (an
 * admin who has not chosen both yet: only the setup page); `sign-in` (anyone
 * else, including an admin whose session proved no second factor).
 */
export type AdminAccess = "granted" | "setup" | "sign-in";

export async function adminAccessOf(session: AuthSession | null): Promise<AdminAccess> {
  if (!session || !isAdmin(session)) return "sign-in";
  if (!(await adminIsSetUp(session.user.id))) return "setup";
  return session.session.secondFactor ? "granted" : "sign-in";
}

/**
 * Every /admin page and server action starts here: the role and the second
 * factor are read on the server from the database session; an admin still to
 * set up goes to the setup page, anyone else to the admin sign-in page.
 */
export async function requireAdmin(): Promise<AdminIdentity> {
  return requireAdminOf(await headers());
}

/** requireAdmin for the given request headers (the part that does not need Next's request scope). */
export async function requireAdminOf(requestHeaders: Headers): Promise<AdminIdentity> {
  const session = await sessionFromHeaders(requestHeaders);
  const access = await adminAccessOf(session);
  if (access === "setup") redirect(ADMIN_SETUP_PATH);
  if (access !== "granted" || !session) redirect(ADMIN_SIGN_IN_PATH);
  return { userId: session.user.id, email: session.user.email, name: session.user.name || null };
}

/** For /admin route handlers: the admin behind the request, or null (they answer 401/403 themselves). */
export async function adminFromRequest(request: Request): Promise<{ userId: string; email: string } | null> {
  const session = await sessionFromHeaders(request.headers);
  if (!session || (await adminAccessOf(session)) !== "granted") return null;
  return { userId: session.user.id, email: session.user.email };
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
