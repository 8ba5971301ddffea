import { db } from "@/lib/db/client";
import { auth } from "./auth";
import { captureSignInMessages } from "./send-sign-in-code";

export function hasAnyAdmin(): Promise<boolean> {
  return db()
    .user.count({ where: { role: "admin" } })
    .then((n) => n > 0);
}

/**
 * Makes `email` an admin and returns a one-time sign-in link (valid one hour,
 * used once). An existing account whose address was never proven first loses
 * every session: whoever opened them has not shown they own the address.
 */
export async function createAdmin(email: string): Promise<{ link: string; created: boolean }> {
  const address = email.toLowerCase();
  const context = await auth().$context;
  const existing = await context.internalAdapter.findUserByEmail(address);
  let created = false;
  if (!existing) {
    await context.internalAdapter.createUser({ email: address, name: "", role: "admin" }, { method: "admin" });
    created = true;
  } else {
    if (!existing.user.emailVerified) await context.internalAdapter.deleteUserSessions(existing.user.id);
    await context.internalAdapter.updateUser(existing.user.id, { role: "admin" });
  }
  const messages = await captureSignInMessages(() =>
    auth().api.signInMagicLink({ body: { email: address, callbackURL: "/admin" }, headers: new Headers() }),
  );
  const link = messages.find((m) => m.url)?.url;
  if (!link) throw new Error("no sign-in link was produced");
  return { link, created };
}
