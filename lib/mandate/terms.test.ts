import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { LOCALES } from "@/lib/i18n/locales";
import { CURRENT_TERMS_VERSION, renderTerms, termsVersions } from "./terms";
import { fingerprintTerms } from "./terms-lock";
import { WALLETS } from "./wallets";

const locked: Record<string, string> = JSON.parse(readFileSync(new URL("./terms-lock.json", import.meta.url), "utf8"));

test("a published terms text is never edited in place", () => {
  for (const [key, hash] of Object.entries(fingerprintTerms())) {
    assert.ok(key in locked, `${key} is not locked: run npm run terms:lock after publishing it`);
    assert.equal(hash, locked[key], `${key} changed after publication: add a new version instead`);
  }
});

test("every locale has every version, and the current version exists", () => {
  for (const purpose of ["save_wallet", "subscription", "deferred_subscription", "replace_method"] as const) {
    assert.ok(termsVersions(purpose).includes(CURRENT_TERMS_VERSION[purpose]));
    for (const locale of LOCALES) {
      for (const wallet of WALLETS) {
        const terms = renderTerms({ purpose, locale, wallet, amount: "₩100,000" });
        assert.match(terms.sha256, /^[0-9a-f]{64}$/);
        assert.ok(terms.text.length > 200, `${purpose}/${locale} is too short to state the four points`);
      }
    }
  }
});

test("the text names the wallet and, for subscriptions, the exact amount", () => {
  const kakao = renderTerms({ purpose: "subscription", locale: "ko", wallet: "kakao_pay", amount: "₩100,000" });
  assert.ok(kakao.text.includes("Kakao Pay"));
  assert.ok(kakao.text.includes("₩100,000"));
  const amazon = renderTerms({ purpose: "save_wallet", locale: "ja", wallet: "amazon_pay" });
  assert.ok(amazon.text.includes("Amazon Pay"));
  assert.ok(amazon.text.includes("取り消"), "Japanese text states how to revoke");
});

test("the four points appear in the English text", () => {
  const { text } = renderTerms({ purpose: "save_wallet", locale: "en", wallet: "amazon_pay" });
  for (const point of ["series of payments", "Frequency and timing", "Amount:", "Cancellation:"]) {
    assert.ok(text.includes(point), `missing: ${point}`);
  }
});

test("unknown versions are an error, not a silent fallback", () => {
  assert.throws(() =>
    renderTerms({ purpose: "save_wallet", locale: "en", wallet: "amazon_pay", version: "1999-01-01" }),
  );
});
