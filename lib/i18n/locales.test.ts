import assert from "node:assert/strict";
import { test } from "node:test";
import { negotiateLocale } from "./locales";

test("Accept-Language picks the best supported language by q-value", () => {
  assert.equal(negotiateLocale("ja-JP,ja;q=0.9,en;q=0.8"), "ja");
  assert.equal(negotiateLocale("fr-FR,ko;q=0.5,de;q=0.7"), "de");
  assert.equal(negotiateLocale("ko-KR"), "ko");
  assert.equal(negotiateLocale("en;q=0.1, ja;q=0"), "en");
});

test("unsupported, empty or malformed headers fall back to English", () => {
  assert.equal(negotiateLocale("fr-FR,es"), "en");
  assert.equal(negotiateLocale(""), "en");
  assert.equal(negotiateLocale(null), "en");
  assert.equal(negotiateLocale(";;;,q=abc"), "en");
});
