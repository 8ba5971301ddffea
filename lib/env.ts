import { z } from "zod";

/**
 * Server configuration, parsed once. No STRIPE_SECRET_KEY means local mode: the
 * same SDK talks to the local Stripe emulator instead of api.stripe.com.
 */
const schema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: or postgresql://")
      .default("file:./data/app.db"),
    APP_URL: z
      .url({ message: "must be an absolute URL such as http://localhost:3000" })
      .default("http://localhost:3000"),
    BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_… or sk_live_…)")
      .optional(),
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z
      .string()
      .regex(/^pk_(test|live)_\w+$/, "must be a Stripe publishable key (pk_test_…)")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_…)"),
    STRIPE_EMULATOR_URL: z.url().default("http://localhost:12111"),
    STRIPE_EMULATOR_PUBLIC_URL: z.url().optional(),
    STRIPE_TEST_CLOCKS: z.enum(["0", "1"]).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.STRIPE_SECRET_KEY && !env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY"],
        message: "is required when STRIPE_SECRET_KEY is set",
      });
    }
  });

export type StripeMode =
  | { kind: "stripe"; secretKey: string; publishableKey: string; stripeJsUrl: null }
  | { kind: "emulator"; secretKey: string; publishableKey: string; stripeJsUrl: string; apiUrl: URL };

export interface Env {
  databaseUrl: string;
  appUrl: string;
  /** Signs better-auth's session cookies (and encrypts what it stores encrypted). */
  authSecret: string;
  webhookSecret: string;
  stripe: StripeMode;
  /** Put each new customer on its own Stripe test clock, so renewals can be driven by advancing time. */
  useTestClocks: boolean;
}

const EMULATOR_SECRET_KEY = "sk_test_emulator";
const EMULATOR_PUBLISHABLE_KEY = "pk_test_emulator";

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EnvError(`Invalid environment: ${issue.path.join(".") || "(root)"} ${issue.message}`);
  }
  const env = parsed.data;
  const stripe: StripeMode = env.STRIPE_SECRET_KEY
    ? {
        kind: "stripe",
        secretKey: env.STRIPE_SECRET_KEY,
        publishableKey: env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY!,
        stripeJsUrl: null,
      }
    : {
        kind: "emulator",
        secretKey: EMULATOR_SECRET_KEY,
        publishableKey: EMULATOR_PUBLISHABLE_KEY,
        apiUrl: new URL(env.STRIPE_EMULATOR_URL),
        stripeJsUrl: new URL("/js/stripe.js", env.STRIPE_EMULATOR_PUBLIC_URL ?? env.STRIPE_EMULATOR_URL).toString(),
      };
  return {
    databaseUrl: env.DATABASE_URL,
    appUrl: env.APP_URL.replace(/\/$/, ""),
    authSecret: env.BETTER_AUTH_SECRET,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    stripe,
    useTestClocks: env.STRIPE_TEST_CLOCKS ? env.STRIPE_TEST_CLOCKS === "1" : stripe.kind === "emulator",
  };
}

let cached: Env | undefined;

/** The process environment, validated on first use (and at server start, see instrumentation.ts). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
