import { headers } from "next/headers";
import { auth } from "./auth";

/** This request's database session (re-read on every call: revocation is immediate), or null. */
export async function currentSession() {
  return sessionFromHeaders(await headers());
}

export async function sessionFromHeaders(requestHeaders: Headers) {
  try {
    return await auth().api.getSession({ headers: requestHeaders });
  } catch {
    // A malformed or forged cookie is simply no session.
    return null;
  }
}

export type AuthSession = NonNullable<Awaited<ReturnType<typeof sessionFromHeaders>>>;

export function isAdmin(session: AuthSession | null): boolean {
  return !!session && session.user.role === "admin" && !session.user.banned;
}
