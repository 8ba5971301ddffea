import assert from "node:assert/strict";
import { test } from "node:test";
import { authErrorMessage } from "./auth-error-message";
import { MESSAGES } from "./messages";

const fallback = "fallback";

test("auth errors are told in our words, in each language; the limiter's wait is in minutes", () => {
  for (const t of Object.values(MESSAGES)) {
    assert.equal(
      authErrorMessage(t, { status: 401, code: "INVALID_EMAIL_OR_PASSWORD" }, fallback),
      t.adminWrongPassword,
    );
    assert.equal(authErrorMessage(t, { status: 401, code: "INVALID_CODE" }, fallback), t.adminCodeWrong);
    assert.equal(authErrorMessage(t, { status: 400, code: "OTP_HAS_EXPIRED" }, fallback), t.adminCodeExpired);
    assert.equal(authErrorMessage(t, { status: 403, code: "ADMIN_PASSWORD_REQUIRED" }, fallback), t.adminUsePassword);
    const limited = authErrorMessage(
      t,
      { status: 429, code: "SIGN_IN_CODES_RATE_LIMITED", retryAfterSeconds: "601" },
      fallback,
    );
    assert.ok(limited.includes("11"), limited);
    assert.ok(!limited.includes("{minutes}"), limited);
  }
  const en = MESSAGES.en;
  assert.equal(authErrorMessage(en, { status: 500, code: "SOMETHING_ELSE" }, fallback), fallback);
  assert.match(authErrorMessage(en, { status: 429 }, fallback), /60 seconds/);
});
