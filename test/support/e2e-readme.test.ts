import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(import.meta.dirname, "..", "..");

test("the example in e2e/README.md is exactly e2e/example.spec.ts (so the documented example is the one that runs)", () => {
  const readme = readFileSync(path.join(root, "e2e", "README.md"), "utf8");
  const block = /## A complete example[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, "e2e/README.md has no ts block under 'A complete example'");
  const spec = readFileSync(path.join(root, "e2e", "example.spec.ts"), "utf8");
  const withoutHeader = spec.replace(/^\/\/ The example from e2e\/README\.md.*\n/, "");
  assert.equal(block, withoutHeader);
});
