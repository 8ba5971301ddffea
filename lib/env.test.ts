import assert from "node:assert/strict";
import { test } from "node:test";
import { EnvError, parseEnv } from "./env";

const base = { BETTER_AUTH_SECRET: "x".repeat(32), STRIPE_WEBHOOK_SECRET: "whsec_abc" };

test("no Stripe key means local mode against the emulator", () => {
  const env = parseEnv(base);
  assert.equal(env.stripe.kind, "emulator");
  assert.equal(env.stripe.stripeJsUrl, "http://localhost:12111/js/stripe.js");
  assert.equal(env.databaseUrl, "file:./data/app.db");
});

test("a secret key means real Stripe and needs the publishable key", () => {
  const env = parseEnv({
    ...base,
    STRIPE_SECRET_KEY: "sk_test_123",
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_test_123",
  });
  assert.equal(env.stripe.kind, "stripe");
  assert.equal(env.stripe.stripeJsUrl, null);
  assert.throws(
    () => parseEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_123" }),
    /NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is required/,
  );
});

test("a malformed variable stops start-up with one line naming it", () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ ...base, DATABASE_URL: "mysql://x" }, /^Invalid environment: DATABASE_URL /],
    [{ ...base, STRIPE_SECRET_KEY: "pk_test_nope" }, /^Invalid environment: STRIPE_SECRET_KEY /],
    [{ ...base, BETTER_AUTH_SECRET: "short" }, /^Invalid environment: BETTER_AUTH_SECRET /],
    [{ BETTER_AUTH_SECRET: base.BETTER_AUTH_SECRET }, /^Invalid environment: STRIPE_WEBHOOK_SECRET /],
    [{ ...base, APP_URL: "not a url" }, /^Invalid environment: APP_URL /],
  ];
  for (const [source, message] of cases) {
    assert.throws(
      () => parseEnv(source),
      (error: unknown) => error instanceof EnvError && message.test(error.message) && !error.message.includes("\n"),
    );
  }
});
