import assert from "node:assert/strict";
import { test } from "node:test";
import { appendPeer } from "./client-ip";
import { requestContextFrom } from "./request-context";

test("the client IP is read at the trusted depth, and user agents are kept verbatim", () => {
  // As our server hands the request on: the client's forged entry, then the socket's peer.
  const headers = new Headers({
    "x-forwarded-for": appendPeer("6.6.6.6", "::ffff:203.0.113.9"),
    "user-agent": "UA/1.0",
  });
  assert.deepEqual(requestContextFrom(headers, 0), { ipAddress: "203.0.113.9", userAgent: "UA/1.0" });
  assert.equal(requestContextFrom(headers, 1).ipAddress, "6.6.6.6");
  // X-Real-IP is just another header a client can write.
  assert.equal(requestContextFrom(new Headers({ "x-real-ip": "198.51.100.2" }), 0).ipAddress, "");
});
