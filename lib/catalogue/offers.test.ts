import assert from "node:assert/strict";
import { test } from "node:test";
import { isOffer } from "./offers";

test("only the offers themselves are offers, not names inherited from Object.prototype", () => {
  assert.equal(isOffer("trial_14d"), true);
  assert.equal(isOffer("first_month_free"), true);
  for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty", "", 14]) {
    assert.equal(isOffer(name), false, String(name));
  }
});
