import assert from "node:assert/strict";
import { test } from "node:test";
import { csvCell, csvLine, neutraliseFormula } from "./csv-cell";

test("cells a spreadsheet would run as a formula are neutralised", () => {
  for (const risky of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1"]) {
    assert.equal(neutraliseFormula(risky), `'${risky}`);
  }
});

test("ordinary cells are left as they are", () => {
  assert.equal(neutraliseFormula("anna@example.com"), "anna@example.com");
  assert.equal(neutraliseFormula("a=b"), "a=b");
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(42), "42");
  assert.equal(csvCell(-5), "-5");
  assert.equal(csvCell(new Date("2026-01-02T03:04:05.000Z")), "2026-01-02T03:04:05.000Z");
});

test("commas, quotes and line breaks are quoted; quotes doubled", () => {
  assert.equal(csvLine(["a,b", 'say "hi"', "two\nlines", "plain"]), '"a,b","say ""hi""","two\nlines",plain\r\n');
  assert.equal(csvLine(['=HYPERLINK("x")']), `"'=HYPERLINK(""x"")"\r\n`);
});
