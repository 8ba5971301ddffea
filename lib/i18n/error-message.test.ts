import assert from "node:assert/strict";
import { test } from "node:test";
import { FAILURE_CODES, FAILURE_REASONS, failureReasonOf } from "@/lib/stripe/failure-reasons";
import { LOCALES } from "./locales";
import { errorMessage, failureMessage, reasonForCustomer } from "./error-message";
import { MESSAGES } from "./messages";

test("failures are worded in the reader's language; Stripe's own text never shows", () => {
  assert.equal(
    errorMessage("unavailable", "The payment service did not answer.", MESSAGES.ja),
    MESSAGES.ja.errorUnavailable,
  );
  assert.match(errorMessage("terms_changed", "x", MESSAGES.de), /Bedingungen/);
  assert.match(errorMessage("refused", "x", MESSAGES.ko), /거부/);
  assert.equal(errorMessage("card", "insufficient_funds", MESSAGES.ja), MESSAGES.ja.failure_insufficient_funds);
  assert.equal(errorMessage("card", "Your card was declined.", MESSAGES.de), MESSAGES.de.failure_declined);
});

test("every Stripe code the app can surface has our message in all four languages", () => {
  const codes = [...Object.keys(FAILURE_CODES), "an_unknown_code", null];
  for (const locale of LOCALES) {
    for (const code of codes) {
      const text = failureMessage(code, MESSAGES[locale]);
      assert.ok(typeof text === "string" && text.length > 10, `${locale} ${code}`);
      assert.doesNotMatch(text, /_|\{|off_session|payment_method/, `${locale} ${code}: ${text}`);
    }
    // Each reason reads differently from the English one outside English, and differs from the others.
    const texts = FAILURE_REASONS.map((r) => MESSAGES[locale][`failure_${r}`]);
    assert.equal(new Set(texts).size, FAILURE_REASONS.length, locale);
    if (locale !== "en")
      for (const r of FAILURE_REASONS) assert.notEqual(MESSAGES[locale][`failure_${r}`], MESSAGES.en[`failure_${r}`]);
  }
});

test("Stripe's documented decline codes and wallet failures map to specific reasons", () => {
  assert.equal(failureReasonOf("insufficient_funds"), "insufficient_funds");
  assert.equal(failureReasonOf("expired_card"), "expired_card");
  assert.equal(failureReasonOf("payment_intent_authentication_failure"), "authentication");
  assert.equal(failureReasonOf("payment_method_provider_decline"), "wallet_declined");
  assert.equal(failureReasonOf("payment_method_unactivated"), "method_unavailable");
  assert.equal(failureReasonOf("something_new"), "declined");
  for (const code of ["do_not_honor", "lost_card", "stolen_card", "card_velocity_exceeded", "processing_error"]) {
    assert.ok(FAILURE_CODES[code], code);
  }
});

test("a stored reason is shown in our words only when it is a Stripe code", () => {
  assert.equal(reasonForCustomer("expired_card", MESSAGES.ko), MESSAGES.ko.failure_expired_card);
  assert.equal(reasonForCustomer("revoked by the customer", MESSAGES.ko), null);
  assert.equal(reasonForCustomer(null, MESSAGES.ko), null);
});
