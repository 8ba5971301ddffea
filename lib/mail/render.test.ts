import assert from "node:assert/strict";
import { test } from "node:test";
import { LOCALES } from "@/lib/i18n/locales";
import type { EmailMessage } from "./kinds";
import { EMAIL_KINDS } from "./kinds";
import { retryDelayMs } from "./config";
import { renderEmail } from "./render";

const SAMPLES: { [K in EmailMessage["kind"]]: Extract<EmailMessage, { kind: K }>["data"] } = {
  sign_in_code: { code: "482913", link: "https://shop.example/sign-in?token=abc" },
  mandate_confirmation: {
    paymentMethodType: "kakao_pay",
    termsText: "Line one of the terms <b>as agreed</b>.\nLine two.",
    termsVersion: "2026-11-01",
    acceptedAt: "2026-12-01T10:00:00.000Z",
    mandateId: "mandate_123",
  },
  receipt: {
    invoiceId: "in_123",
    amount: 100000,
    currency: "krw",
    paidAt: "2026-12-01T10:00:00.000Z",
    paymentMethodType: "kakao_pay",
    renewal: false,
  },
  renewal_failed: {
    invoiceId: "in_456",
    subscriptionId: "sub_789",
    amount: 1500,
    currency: "usd",
    paymentMethodType: "card",
  },
  trial_ending: {
    trialEnd: "2026-12-15T10:00:00.000Z",
    amount: 1500,
    currency: "usd",
    paymentMethodType: "amazon_pay",
  },
  mandate_revoked: { paymentMethodType: "amazon_pay", reason: "Requested by the customer by phone" },
};

for (const kind of EMAIL_KINDS) {
  test(`${kind}: every language renders a subject, text and HTML with every placeholder filled`, () => {
    const subjects = new Set<string>();
    for (const locale of LOCALES) {
      const email = renderEmail({ kind, locale, data: JSON.stringify(SAMPLES[kind]) }, "https://shop.example");
      for (const part of [email.subject, email.text, email.html]) {
        assert.doesNotMatch(part, /\{\w+\}/, `${locale}: unfilled placeholder in ${part}`);
      }
      assert.match(email.text, /Lumen Stock Photos/);
      assert.match(email.html, new RegExp(`<html lang="${locale}">`));
      subjects.add(email.subject);
    }
    assert.equal(subjects.size, LOCALES.length, "each language has its own subject");
  });
}

test("the mandate confirmation carries the exact terms, escaped in HTML, with version and revocation", () => {
  const email = renderEmail(
    { kind: "mandate_confirmation", locale: "en", data: JSON.stringify(SAMPLES.mandate_confirmation) },
    "https://shop.example",
  );
  assert.match(email.text, /> Line one of the terms <b>as agreed<\/b>\.\n> Line two\./);
  assert.match(email.html, /Line one of the terms &lt;b&gt;as agreed&lt;\/b&gt;\./);
  assert.match(email.text, /version 2026-11-01/);
  assert.match(email.text, /revoke this authorization/);
  assert.match(email.text, /https:\/\/shop\.example\/account/);
});

test("amounts use the currency's format in the reader's language", () => {
  const render = (locale: "ko" | "de") =>
    renderEmail({ kind: "receipt", locale, data: JSON.stringify(SAMPLES.receipt) }, "https://x.example");
  assert.match(render("ko").subject, /₩100,000/);
  assert.match(render("de").subject, /100\.000\s₩/);
});

test("the failed renewal links straight to the page that fixes that subscription's payment", () => {
  const email = renderEmail(
    { kind: "renewal_failed", locale: "ja", data: JSON.stringify(SAMPLES.renewal_failed) },
    "https://shop.example",
  );
  assert.match(email.html, /href="https:\/\/shop\.example\/account\/subscriptions\/sub_789\/fix"/);
});

test("retries back off exponentially up to the cap", () => {
  const config = { retryBaseMs: 1000, retryMaxMs: 5000 };
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, config)),
    [1000, 2000, 4000, 5000, 5000],
  );
});
