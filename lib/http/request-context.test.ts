import assert from "node:assert/strict";
import { test } from "node:test";
import { requestContextFrom } from "./request-context";

test("the client IP is the first forwarded hop, and user agents are kept verbatim", () => {
  const headers = new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1", "user-agent": "UA/1.0" });
  assert.deepEqual(requestContextFrom(headers), { ipAddress: "203.0.113.9", userAgent: "UA/1.0" });
  assert.equal(requestContextFrom(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" })).ipAddress, "127.0.0.1");
  assert.equal(requestContextFrom(new Headers({ "x-real-ip": "198.51.100.2" })).ipAddress, "198.51.100.2");
});
