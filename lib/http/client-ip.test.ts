import assert from "node:assert/strict";
import { test } from "node:test";
import { appendPeer, clientIp, trustedProxyHops } from "./client-ip";

test("with no trusted proxy the socket's peer is the client, whatever the header says", () => {
  const header = appendPeer("6.6.6.6, 7.7.7.7", "::ffff:198.51.100.20");
  assert.equal(header, "6.6.6.6, 7.7.7.7, 198.51.100.20");
  assert.equal(clientIp(header, 0), "198.51.100.20");
  assert.equal(clientIp(appendPeer(undefined, "203.0.113.1"), 0), "203.0.113.1");
});

test("with n trusted proxies the client is the (n+1)-th address from the right", () => {
  // client 203.0.113.9 forged 6.6.6.6; our load balancer (10.0.0.2) appended the client, our server appended the balancer.
  const header = appendPeer("6.6.6.6, 203.0.113.9", "10.0.0.2");
  assert.equal(clientIp(header, 1), "203.0.113.9");
  assert.equal(clientIp(header, 5), "6.6.6.6");
  assert.equal(clientIp("", 1), "");
});

test("TRUSTED_PROXY_HOPS is a small non-negative integer, 0 otherwise", () => {
  assert.equal(trustedProxyHops(undefined), 0);
  assert.equal(trustedProxyHops("2"), 2);
  assert.equal(trustedProxyHops("-1"), 0);
  assert.equal(trustedProxyHops("abc"), 0);
});
