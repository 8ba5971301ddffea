import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { adminIsSetUp, hasPassword, isAdminUser } from "@/lib/db/admin-accounts";

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];
/** The endpoint context better-auth hands its database hooks (null for calls outside an endpoint). */
type EndpointContext = { path?: string } | null | undefined;

export type SecondFactor = "otp" | "passkey";

/** Error code (and our message key) when an admin tries a customer's way in. */
export const ADMIN_PASSWORD_REQUIRED = "ADMIN_PASSWORD_REQUIRED";
export const ADMIN_PASSWORD_FIRST = "ADMIN_PASSWORD_FIRST";

/** The ways in that prove only the mailbox: customers use them; an admin may not (sign-in by password and code). */
const CODE_ONLY_PATHS = new Set(["/sign-in/email-otp", "/email-otp/verify-email"]);
/** admin:create's one-time link: an admin's way to the setup page, never once they are set up. */
const SETUP_LINK_PATH = "/magic-link/verify";

/** The second-factor routes the product uses; the plugin's others (TOTP, backup codes, enable/disable) stay closed. */
const OPEN_TWO_FACTOR_PATHS = new Set(["/two-factor/send-otp", "/two-factor/verify-otp"]);

/** Passkey sign-ins whose authenticator verified the user (PIN, biometrics): possession plus a second factor. */
const userVerifiedPasskeys = new WeakSet<object>();

export function notePasskeyUserVerified(ctx: object, userVerified: boolean): void {
  if (userVerified) userVerifiedPasskeys.add(ctx);
}

/**
 * Before-hook rules for admins (HTTP requests only; server code may call anything): the
 * admin plugin's endpoints are not routed; an admin adds a passkey only with both factors
 * proved; of the twoFactor plugin only the emailed code is routed, without "trust this
 * device", and a signed-in user can turn it on (setup) only after choosing a password.
 */
export async function guardAdminAuthRoutes(ctx: HookContext): Promise<void> {
  if (!ctx.request) return;
  // The admin plugin's user management (roles, passwords, impersonation) is for server code only:
  // over HTTP it would answer any admin-role session, whatever factors it proved.
  if (ctx.path.startsWith("/admin/")) throw new APIError("NOT_FOUND");
  if (ctx.path === "/passkey/generate-register-options") return requireSecondFactorForAdmins(ctx);
  if (!ctx.path.startsWith("/two-factor/")) return;
  if (!OPEN_TWO_FACTOR_PATHS.has(ctx.path)) throw new APIError("NOT_FOUND");
  if ((ctx.body as { trustDevice?: unknown } | undefined)?.trustDevice) {
    throw new APIError("BAD_REQUEST", { message: "Devices are not trusted: every sign-in asks for the code" });
  }
  const session = await getSessionFromCtx(ctx);
  if (session && !(await hasPassword(session.user.id))) {
    throw new APIError("FORBIDDEN", { message: "Choose a password first", code: ADMIN_PASSWORD_FIRST });
  }
}

/** An admin adds a passkey (a way in by itself) only from a session that proved both factors. */
async function requireSecondFactorForAdmins(ctx: HookContext): Promise<void> {
  const session = await getSessionFromCtx(ctx);
  if (!session || session.user.role !== "admin") return;
  const secondFactor = (session.session as { secondFactor?: string | null }).secondFactor;
  if (!secondFactor || !(await adminIsSetUp(session.user.id))) {
    throw new APIError("FORBIDDEN", {
      message: "Sign in with a password and a code first",
      code: ADMIN_PASSWORD_REQUIRED,
    });
  }
}

/**
 * databaseHooks.session.create.before: an admin gets no session from a
 * code-only path (they sign in with their password and a code; before setup,
 * only through admin:create's link), and every
 * session records the second factor its sign-in proved, for the admin guard.
 * A rotated session (same sign-in, new token) keeps what it had.
 */
export async function sessionWithSecondFactor<T extends { userId: string; secondFactor?: string | null }>(
  session: T,
  ctx: EndpointContext,
): Promise<{ data: T }> {
  const path = ctx?.path;
  const refused =
    (path && CODE_ONLY_PATHS.has(path) && (await isAdminUser(session.userId))) ||
    (path === SETUP_LINK_PATH && (await adminIsSetUp(session.userId)));
  if (refused) {
    throw new APIError("FORBIDDEN", {
      message: "Admins sign in with their password and a code",
      code: ADMIN_PASSWORD_REQUIRED,
    });
  }
  const proved = secondFactorOf(path, ctx);
  return { data: { ...session, secondFactor: proved ?? session.secondFactor ?? null } };
}

function secondFactorOf(path: string | undefined, ctx: EndpointContext): SecondFactor | null {
  if (path === "/two-factor/verify-otp") return "otp";
  if (path === "/passkey/verify-authentication" && ctx && userVerifiedPasskeys.has(ctx)) return "passkey";
  return null;
}
