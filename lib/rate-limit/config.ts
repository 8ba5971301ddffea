import { z } from "zod";

/** How many attempts a limiter allows within its window. */
export interface LimitSettings {
  points: number;
  windowSeconds: number;
}

const count = z.coerce.number().int().min(1).max(1_000_000_000);

/**
 * Limits from the environment, each with a default high enough for real
 * people (a household or an office behind one address) and low enough that a
 * script cannot create customers by the thousand. Read when a limiter is first
 * used, so a process (a test) may set them before that.
 */
const schema = z.object({
  RATE_LIMIT_STORE: z.enum(["memory", "database"]).default("memory"),
  RATE_LIMIT_CONSENT_PER_IP: count.default(30),
  RATE_LIMIT_CONSENT_PER_EMAIL: count.default(10),
  RATE_LIMIT_CONSENT_WINDOW_SECONDS: count.default(600),
  RATE_LIMIT_ADMIN_ACTIONS: count.default(120),
  RATE_LIMIT_ADMIN_WINDOW_SECONDS: count.default(60),
  RATE_LIMIT_SIGN_IN_CODES: count.default(5),
  RATE_LIMIT_SIGN_IN_WINDOW_SECONDS: count.default(900),
});

export interface RateLimitConfig {
  store: "memory" | "database";
  consentPerIp: LimitSettings;
  consentPerEmail: LimitSettings;
  adminActions: LimitSettings;
  signInCodes: LimitSettings;
}

export function rateLimitConfig(source: Record<string, string | undefined> = process.env): RateLimitConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new Error(`Invalid rate limit configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return {
    store: e.RATE_LIMIT_STORE,
    consentPerIp: { points: e.RATE_LIMIT_CONSENT_PER_IP, windowSeconds: e.RATE_LIMIT_CONSENT_WINDOW_SECONDS },
    consentPerEmail: { points: e.RATE_LIMIT_CONSENT_PER_EMAIL, windowSeconds: e.RATE_LIMIT_CONSENT_WINDOW_SECONDS },
    adminActions: { points: e.RATE_LIMIT_ADMIN_ACTIONS, windowSeconds: e.RATE_LIMIT_ADMIN_WINDOW_SECONDS },
    signInCodes: { points: e.RATE_LIMIT_SIGN_IN_CODES, windowSeconds: e.RATE_LIMIT_SIGN_IN_WINDOW_SECONDS },
  };
}
