import assert from "node:assert/strict";
import { test } from "node:test";
import { passwordProblem } from "./admin-password";

test("an admin password has 12 to 128 characters and must be typed the same twice", () => {
  assert.equal(passwordProblem("short pass", "short pass"), "adminSetupPasswordTooShort");
  assert.equal(passwordProblem("x".repeat(129), "x".repeat(129)), "adminSetupPasswordTooLong");
  assert.equal(passwordProblem("twelve chars", "twelve charz"), "adminSetupPasswordMismatch");
  assert.equal(passwordProblem("twelve chars", "twelve chars"), null);
  assert.equal(passwordProblem("x".repeat(128), "x".repeat(128)), null);
});
