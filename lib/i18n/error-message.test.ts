import assert from "node:assert/strict";
import { test } from "node:test";
import { errorMessage } from "./error-message";
import { MESSAGES } from "./messages";

test("failures are worded in the reader's language; an issuer's decline reason is kept as Stripe gave it", () => {
  assert.equal(
    errorMessage("unavailable", "The payment service did not answer.", MESSAGES.ja),
    MESSAGES.ja.errorUnavailable,
  );
  assert.match(errorMessage("terms_changed", "x", MESSAGES.de), /Bedingungen/);
  assert.match(errorMessage("refused", "x", MESSAGES.ko), /거부/);
  assert.equal(errorMessage("card", "Your card was declined.", MESSAGES.ja), "Your card was declined.");
});
