import { db } from "./client";

/** Whether the user has chosen a password (better-auth's credential account holds its hash). */
export async function hasPassword(userId: string): Promise<boolean> {
  const account = await db().account.findFirst({
    where: { userId, providerId: "credential", password: { not: null } },
    select: { id: true },
  });
  return account !== null;
}

export async function isAdminUser(userId: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { role: true } });
  return user?.role === "admin";
}

/** An admin who has a password and the emailed-code second factor signs in with both, nothing less. */
export async function adminIsSetUp(userId: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { role: true, twoFactorEnabled: true } });
  return user?.role === "admin" && user.twoFactorEnabled === true && (await hasPassword(userId));
}

/**
 * admin:create (re)starts an admin's setup: their password, second factor and
 * passkeys are removed, so the one-time link leads to choosing new ones (a lost
 * password is recovered by whoever can run the command on the server).
 */
export async function resetAdminCredentials(userId: string): Promise<void> {
  await db().$transaction([
    db().account.deleteMany({ where: { userId, providerId: "credential" } }),
    db().twoFactor.deleteMany({ where: { userId } }),
    db().passkey.deleteMany({ where: { userId } }),
    db().user.update({ where: { id: userId }, data: { twoFactorEnabled: false } }),
  ]);
}
