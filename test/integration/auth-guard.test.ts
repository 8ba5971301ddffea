// The admin guard against real better-auth sessions in the database (SQLite or
// PostgreSQL, whichever DATABASE_URL names): anonymous, forged, customer and
// revoked sessions are refused; an admin signed in by admin:create's one-time
// link is allowed.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { startHarness, type Harness } from "../support/harness";

let h: Harness;
before(async () => {
  h = await startHarness({ webhooks: false });
});
after(() => h.close());

const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

/** The Cookie header a browser would send back after `response`. */
function cookieFrom(response: Headers): Headers {
  const cookies = response
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="));
  assert.ok(cookies.length > 0, "a session cookie was set");
  return new Headers({ cookie: cookies.join("; ") });
}

async function customerSession(): Promise<Headers> {
  const { auth } = await import("../../lib/auth/auth");
  const { headers } = await auth().api.createCheckoutAccount({
    body: { email: email("customer") },
    headers: new Headers(),
    returnHeaders: true,
  });
  return cookieFrom(headers);
}

async function adminSession(address = email("admin")): Promise<Headers> {
  const { auth } = await import("../../lib/auth/auth");
  const { createAdmin } = await import("../../lib/auth/create-admin");
  const { link } = await createAdmin(address);
  const response = await auth().handler(new Request(link));
  assert.equal(response.status, 302, "the one-time link signs in and redirects");
  assert.equal(new URL(response.headers.get("location")!, link).pathname, "/admin");
  return cookieFrom(response.headers);
}

async function refusedWithRedirect(headers: Headers) {
  const { requireAdminOf } = await import("../../lib/auth/guard");
  await assert.rejects(requireAdminOf(headers), (error: Error & { digest?: string }) => {
    assert.match(String(error.digest), /^NEXT_REDIRECT;replace;\/admin\/sign-in;/);
    return true;
  });
}

async function adminFrom(headers: Headers) {
  const { adminFromRequest } = await import("../../lib/auth/guard");
  return adminFromRequest(new Request("http://localhost:3999/admin/anything", { headers }));
}

test("anonymous and forged sessions are refused", async () => {
  await refusedWithRedirect(new Headers());
  assert.equal(await adminFrom(new Headers()), null);
  const forged = new Headers({ cookie: "better-auth.session_token=forged.value" });
  await refusedWithRedirect(forged);
  assert.equal(await adminFrom(forged), null);
});

test("a customer's session is refused", async () => {
  const customer = await customerSession();
  await refusedWithRedirect(customer);
  assert.equal(await adminFrom(customer), null);
});

test("an admin signed in by the one-time link is allowed, once", async () => {
  const address = email("admin");
  const { createAdmin } = await import("../../lib/auth/create-admin");
  const { auth } = await import("../../lib/auth/auth");
  const { link } = await createAdmin(address);
  const first = await auth().handler(new Request(link));
  const admin = cookieFrom(first.headers);

  const { requireAdminOf } = await import("../../lib/auth/guard");
  const identity = await requireAdminOf(admin);
  assert.equal(identity.email, address);
  assert.deepEqual(await adminFrom(admin), { userId: identity.userId, email: address });

  // The link works once.
  const again = await auth().handler(new Request(link));
  assert.equal(
    again.headers.getSetCookie().filter((c) => c.includes("session_token=") && !c.includes("session_token=;")).length,
    0,
  );
});

test("after sign out everywhere the admin's sessions are refused", async () => {
  const { auth } = await import("../../lib/auth/auth");
  const address = email("admin");
  const laptop = await adminSession(address);
  const phone = await adminSession(address);
  assert.ok(await adminFrom(phone));
  await auth().api.revokeSessions({ headers: laptop });
  assert.equal(await adminFrom(laptop), null);
  assert.equal(await adminFrom(phone), null);
  await refusedWithRedirect(phone);
});

test("admin:create on an address someone registered unproven signs that session out first", async () => {
  const { auth } = await import("../../lib/auth/auth");
  const { createAdmin } = await import("../../lib/auth/create-admin");
  const address = email("squatted");
  const { headers } = await auth().api.createCheckoutAccount({
    body: { email: address },
    headers: new Headers(),
    returnHeaders: true,
  });
  const squatter = cookieFrom(headers);
  await createAdmin(address);
  assert.equal(await adminFrom(squatter), null);
  await refusedWithRedirect(squatter);
});
