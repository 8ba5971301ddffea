import assert from "node:assert/strict";
import { test } from "node:test";
import { toMinorUnits } from "./money-input";

test("amounts in major units become exact minor units", () => {
  assert.equal(toMinorUnits("12.5", "usd"), 1250);
  assert.equal(toMinorUnits("0.07", "eur"), 7);
  assert.equal(toMinorUnits("15", "usd"), 1500);
  assert.equal(toMinorUnits("100000", "krw"), 100000);
});

test("fractions a currency does not have, and malformed text, are refused", () => {
  assert.equal(toMinorUnits("1000.5", "krw"), null);
  assert.equal(toMinorUnits("1.234", "usd"), null);
  assert.equal(toMinorUnits("-1", "usd"), null);
  assert.equal(toMinorUnits("1e3", "usd"), null);
  assert.equal(toMinorUnits("", "usd"), null);
});
