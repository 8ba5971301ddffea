import { createHash } from "node:crypto";

export type LimiterName = "consentPerIp" | "consentPerEmail" | "adminActions" | "signInCodes";

/** Either a go-ahead or how long to wait. */
export type Allowance = { ok: true } | { ok: false; retryAfterSeconds: number };

/** What a limiter answers about a key without using an attempt (rate-limiter-flexible's `get`). */
interface Readable {
  points: number;
  get(key: string): Promise<{ consumedPoints: number; msBeforeNext: number } | null>;
}

/** The process's limiters (lib/rate-limit/limiters.ts creates them), shared by the app's bundles and proxy.ts. */
export const LIMITERS = globalThis as unknown as { rateLimiters?: Map<LimiterName, Readable> };

/** Keys are hashed: the table holds no email or IP address in clear. */
export function keyOf(parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("base64url");
}

/**
 * Whether `name`'s attempts for `parts` are used up, without using one: a
 * limiter this process has not created yet has counted nothing.
 */
export async function usedUp(name: LimiterName, ...parts: string[]): Promise<Allowance> {
  const limiter = LIMITERS.rateLimiters?.get(name);
  const counted = limiter ? await limiter.get(keyOf(parts)) : null;
  if (!limiter || !counted || counted.consumedPoints < limiter.points) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(counted.msBeforeNext / 1000)) };
}
