import { timingSafeEqual } from "node:crypto";

/** Compares a client secret from the browser with Stripe's, in constant time. */
export function sameSecret(expected: string | null | undefined, given: string): boolean {
  if (!expected) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
