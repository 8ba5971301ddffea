import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The customer's session: a signed, http-only cookie naming our customer id.
 * There is no password system; the cookie is set when they consent to a mandate.
 */
export const SESSION_COOKIE = "session";
export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;

export function signSession(customerId: string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + SESSION_MAX_AGE_SECONDS;
  const payload = `${customerId}.${expires}`;
  return `${payload}.${mac(payload)}`;
}

/** The customer id in a session cookie value, or null if it is forged, malformed or expired. */
export function verifySession(value: string | undefined, now = Date.now()): string | null {
  if (!value) return null;
  const parts = value.split(".");
  if (parts.length !== 3) return null;
  const [customerId, expires, signature] = parts as [string, string, string];
  const expected = Buffer.from(mac(`${customerId}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 < now) return null;
  return customerId;
}

export function sessionCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().appUrl.startsWith("https://"),
    path: "/",
    maxAge: SESSION_MAX_AGE_SECONDS,
  };
}

function mac(payload: string): string {
  return createHmac("sha256", env().sessionSecret).update(payload).digest("base64url");
}
