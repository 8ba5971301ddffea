import { cookies } from "next/headers";
import { SESSION_COOKIE, sessionCookieOptions, signSession, verifySession } from "./session";

/** The customer this browser's signed session cookie names, or null. */
export async function currentCustomerId(): Promise<string | null> {
  return verifySession((await cookies()).get(SESSION_COOKIE)?.value);
}

/** Remembers the customer in this browser (set when they consent to a mandate). */
export async function rememberCustomer(customerId: string): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, signSession(customerId), sessionCookieOptions());
}
