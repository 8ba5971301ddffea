import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { db } from "@/lib/db/client";
import { rateLimitConfig, type LimitSettings } from "./config";
import { keyOf, LIMITERS, type Allowance, type LimiterName } from "./shared";

export type { Allowance, LimiterName };

const cache = LIMITERS as { rateLimiters?: Map<LimiterName, RateLimiterAbstract> };

/**
 * One limiter per name, per process. In memory by default; with
 * RATE_LIMIT_STORE=database the counters live in the RateLimit table so
 * several app instances share them (a database hiccup falls back to memory
 * rather than refusing everyone).
 */
function limiter(name: LimiterName): RateLimiterAbstract {
  cache.rateLimiters ??= new Map();
  const existing = cache.rateLimiters.get(name);
  if (existing) return existing;
  const config = rateLimitConfig();
  const settings: LimitSettings = config[name];
  const options = { keyPrefix: name, points: settings.points, duration: settings.windowSeconds };
  const created =
    config.store === "database"
      ? new RateLimiterPrisma({
          ...options,
          storeClient: db(),
          tableName: "rateLimit",
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
  cache.rateLimiters.set(name, created);
  return created;
}

/** Uses one attempt of `name` for `parts` (e.g. [email, ip]); refused once the window's attempts are used up. */
export async function takeAttempt(name: LimiterName, ...parts: string[]): Promise<Allowance> {
  try {
    await limiter(name).consume(keyOf(parts));
    return { ok: true };
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    }
    throw refusal;
  }
}

/** Consent and checkout submissions: per client address and per email, checked before anything is written. */
export async function takeConsentAttempt(email: string, ipAddress: string): Promise<Allowance> {
  const byIp = await takeAttempt("consentPerIp", ipAddress);
  if (!byIp.ok) return byIp;
  return takeAttempt("consentPerEmail", email.toLowerCase());
}

/** Admin console actions, per signed-in admin (user id). */
export function adminActions(userId: string): Promise<Allowance> {
  return takeAttempt("adminActions", userId);
}

/** Sign-in code requests, per email and client address (on top of the auth library's per-address limit). */
export function signInCodes(email: string, ipAddress: string): Promise<Allowance> {
  return takeAttempt("signInCodes", email.toLowerCase(), ipAddress);
}
