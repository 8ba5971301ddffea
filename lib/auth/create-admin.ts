import { resetAdminCredentials } from "@/lib/db/admin-accounts";
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
 * used once) that leads to the setup page: a password and the emailed-code
 * second factor are chosen there before any other /admin page opens. An
 * existing account loses every session and any password and second factor it
 * had (this is also how an admin who lost their password starts again).
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
    await context.internalAdapter.deleteUserSessions(existing.user.id);
    await resetAdminCredentials(existing.user.id);
    await context.internalAdapter.updateUser(existing.user.id, { role: "admin" });
  }
  const messages = await captureSignInMessages(() =>
    auth().api.signInMagicLink({ body: { email: address, callbackURL: "/admin/setup" }, headers: new Headers() }),
  );
  const link = messages.find((m) => m.url)?.url;
  if (!link) throw new Error("no sign-in link was produced");
  return { link, created };
}
