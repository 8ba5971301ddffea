import assert from "node:assert/strict";
import { test } from "node:test";
import { formatMoney, isZeroDecimal } from "./money";

test("KRW is zero-decimal: 100000 is ₩100,000, never ₩1,000", () => {
  assert.equal(isZeroDecimal("krw"), true);
  assert.equal(formatMoney(100000, "krw", "ko"), "₩100,000");
  assert.equal(formatMoney(100000, "krw", "en"), "₩100,000");
});

test("USD has cents, formatted in the reader's locale", () => {
  assert.equal(formatMoney(1500, "usd", "en"), "$15.00");
  assert.equal(formatMoney(1500, "usd", "de"), "15,00\u00a0$");
  assert.equal(formatMoney(1500, "usd", "ja"), "$15.00");
});
