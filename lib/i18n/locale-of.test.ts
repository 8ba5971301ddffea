import assert from "node:assert/strict";
import { test } from "node:test";
import { localeOfHeaders } from "./locale-of";

test("a sign-in email speaks the visitor's chosen language, else their browser's", () => {
  assert.equal(localeOfHeaders(new Headers({ cookie: "a=1; locale=ko", "accept-language": "de" })), "ko");
  assert.equal(localeOfHeaders(new Headers({ "accept-language": "ja-JP,ja;q=0.9" })), "ja");
  assert.equal(localeOfHeaders(new Headers({ cookie: "locale=fr", "accept-language": "de-DE" })), "de");
  assert.equal(localeOfHeaders(undefined), "en");
});
