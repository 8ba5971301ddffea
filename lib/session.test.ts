import assert from "node:assert/strict";
import { before, test } from "node:test";
import { signSession, verifySession, SESSION_MAX_AGE_SECONDS } from "./session";

before(() => {
  Object.assign(process.env, {
    SESSION_SECRET: "unit-test-session-secret-0123456789abcdef",
    STRIPE_WEBHOOK_SECRET: "whsec_unit",
  });
});

test("a signed session round-trips to the customer id", () => {
  assert.equal(verifySession(signSession("cust_123")), "cust_123");
});

test("tampered, malformed or expired sessions are rejected", () => {
  const value = signSession("cust_123");
  const [, expires, signature] = value.split(".");
  assert.equal(verifySession(`cust_999.${expires}.${signature}`), null);
  assert.equal(verifySession(`${value}x`), null);
  assert.equal(verifySession("garbage"), null);
  assert.equal(verifySession(undefined), null);
  const now = Date.now();
  assert.equal(verifySession(signSession("cust_123", now), now + (SESSION_MAX_AGE_SECONDS + 1) * 1000), null);
});
