import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { requestContextFrom } from "@/lib/http/request-context";
import { signInCodes } from "@/lib/rate-limit/limiters";

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** The paths that email a code: the customer sign-in code and the admin's second-factor code. */
const SENDS_A_CODE = new Set(["/email-otp/send-verification-otp", "/two-factor/send-otp"]);

export const SIGN_IN_CODES_LIMITED = "SIGN_IN_CODES_RATE_LIMITED";

/**
 * Before a code is emailed: one attempt of the `signInCodes` limiter for the
 * recipient and the client address. Over the limit the request answers 429
 * (with Retry-After) and nothing is generated or sent.
 */
export async function limitSignInCodes(ctx: HookContext): Promise<void> {
  if (!SENDS_A_CODE.has(ctx.path)) return;
  const email = ctx.path === "/two-factor/send-otp" ? await secondFactorRecipient(ctx) : emailOfBody(ctx.body);
  // No recipient: the endpoint itself refuses the request (bad body, no sign-in under way).
  if (!email) return;
  const ipAddress = requestContextFrom(ctx.headers ?? new Headers()).ipAddress;
  const allowance = await signInCodes(email, ipAddress);
  if (allowance.ok) return;
  const seconds = String(allowance.retryAfterSeconds);
  throw new APIError(
    "TOO_MANY_REQUESTS",
    { message: "Too many sign-in codes were asked for", code: SIGN_IN_CODES_LIMITED, retryAfterSeconds: seconds },
    { "retry-after": seconds },
  );
}

function emailOfBody(body: unknown): string | null {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" && email.includes("@") ? email.trim().toLowerCase() : null;
}

/** Who the second-factor code goes to: the signed-in admin (setup), or the one half-way through a password sign-in. */
async function secondFactorRecipient(ctx: HookContext): Promise<string | null> {
  const session = await getSessionFromCtx(ctx);
  if (session) return session.user.email;
  const cookie = ctx.context.createAuthCookie("two_factor");
  const challenge = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!challenge) return null;
  const pending = await ctx.context.internalAdapter.findVerificationValue(challenge);
  if (!pending || pending.expiresAt < new Date()) return null;
  const user = await ctx.context.internalAdapter.findUserById(pending.value);
  return user?.email ?? null;
}
