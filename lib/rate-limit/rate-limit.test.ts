import assert from "node:assert/strict";
import { test } from "node:test";
import { rateLimitConfig } from "./config";
import { adminActions, signInCodes, takeConsentAttempt } from "./limiters";
import { tooManyRequests } from "./too-many-requests";

// Read when each limiter is first used (below), so this process's limits are small.
process.env.RATE_LIMIT_ADMIN_ACTIONS = "3";
process.env.RATE_LIMIT_SIGN_IN_CODES = "2";
process.env.RATE_LIMIT_CONSENT_PER_IP = "100";
process.env.RATE_LIMIT_CONSENT_PER_EMAIL = "2";

test("limits come from the environment with defaults; nonsense is refused at start", () => {
  const defaults = rateLimitConfig({});
  assert.equal(defaults.store, "memory");
  assert.deepEqual(defaults.consentPerIp, { points: 30, windowSeconds: 600 });
  assert.equal(
    rateLimitConfig({ RATE_LIMIT_STORE: "database", RATE_LIMIT_CONSENT_PER_EMAIL: "4" }).consentPerEmail.points,
    4,
  );
  assert.throws(() => rateLimitConfig({ RATE_LIMIT_CONSENT_PER_IP: "0" }), /RATE_LIMIT_CONSENT_PER_IP/);
  assert.throws(() => rateLimitConfig({ RATE_LIMIT_STORE: "redis" }), /RATE_LIMIT_STORE/);
});

test("admin actions are limited per admin, sign-in codes per email and address", async () => {
  for (let i = 0; i < 3; i++) assert.deepEqual(await adminActions("user_a"), { ok: true });
  const refused = await adminActions("user_a");
  assert.equal(refused.ok, false);
  assert.ok(!refused.ok && refused.retryAfterSeconds > 0 && refused.retryAfterSeconds <= 60);
  assert.deepEqual(await adminActions("user_b"), { ok: true }, "another admin has their own budget");

  assert.equal((await signInCodes("A@example.com", "198.51.100.1")).ok, true);
  assert.equal((await signInCodes("a@example.com", "198.51.100.1")).ok, true);
  assert.equal((await signInCodes("a@example.com", "198.51.100.1")).ok, false, "case does not make a new email");
  assert.equal((await signInCodes("a@example.com", "198.51.100.2")).ok, true);
});

test("consent submissions are limited per email across addresses", async () => {
  assert.equal((await takeConsentAttempt("c@example.com", "198.51.100.1")).ok, true);
  assert.equal((await takeConsentAttempt("c@example.com", "198.51.100.2")).ok, true);
  assert.equal((await takeConsentAttempt("C@example.com", "198.51.100.3")).ok, false);
});

test("the 429 page is in the reader's language and says when to come back", async () => {
  const response = tooManyRequests("ja", 42.2);
  assert.equal(response.status, 429);
  assert.equal(response.headers.get("retry-after"), "43");
  const html = await response.text();
  assert.match(html, /<html lang="ja">/);
  assert.match(html, /リクエストが多すぎます/);
  assert.match(html, /43秒/);
  assert.match(await tooManyRequests("de", 5).text(), /Zu viele Anfragen/);
});
