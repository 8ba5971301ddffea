// The admin guard against real better-auth sessions in the database (SQLite or
// PostgreSQL, whichever DATABASE_URL names): anonymous, forged, customer and
// revoked sessions are refused; admin:create's one-time link opens only the
// setup page (a password, then a confirmed emailed code); after that an admin
// gets in with the password and a code, never with the password alone or
// with a customer's emailed sign-in code alone.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import {
  ADMIN_PASSWORD as PASSWORD,
  cookieFrom,
  emailedCode,
  Jar,
  post,
  setUpAdmin,
  setupSession,
} from "../support/auth-http";
import { startHarness, type Harness } from "../support/harness";

// The auth library's own per-address limit would refuse this file's many sign-ins from one address;
// our sign-in code limiter has its own test (sign-in-code-limit.test.ts).
process.env.AUTH_RATE_LIMIT = "0";
process.env.RATE_LIMIT_SIGN_IN_CODES ??= "100000";

let h: Harness;
before(async () => {
  h = await startHarness({ webhooks: false });
});
after(() => h.close());

const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

async function customerSession(): Promise<Headers> {
  const { auth } = await import("../../lib/auth/auth");
  const { headers } = await auth().api.createCheckoutAccount({
    body: { email: email("customer") },
    headers: new Headers(),
    returnHeaders: true,
  });
  return cookieFrom(headers);
}

/** A set-up admin's sign-in in a fresh browser: the password, then (optionally) the emailed code. */
async function passwordSignIn(address: string, password = PASSWORD) {
  const jar = new Jar();
  const answer = await post(jar, "/sign-in/email", { email: address, password });
  return { jar, answer };
}

async function refusedWithRedirect(headers: Headers, to = "/admin/sign-in") {
  const { requireAdminOf } = await import("../../lib/auth/guard");
  await assert.rejects(requireAdminOf(headers), (error: Error & { digest?: string }) => {
    assert.match(String(error.digest), new RegExp(`^NEXT_REDIRECT;replace;${to.replace(/\//g, "\\/")};`));
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

test("the one-time link opens only the setup page, once; the second factor needs a password first", async () => {
  const address = email("admin");
  const { createAdmin } = await import("../../lib/auth/create-admin");
  const { auth } = await import("../../lib/auth/auth");
  const { link } = await createAdmin(address);
  const first = await auth().handler(new Request(link));
  const setup = cookieFrom(first.headers);
  await refusedWithRedirect(setup, "/admin/setup");
  assert.equal(await adminFrom(setup), null);

  // No code before a password: the emailed code alone would otherwise become the admin's whole sign-in.
  const jar = new Jar(setup);
  const early = await post(jar, "/two-factor/send-otp", {});
  assert.equal(early.status, 403);
  assert.equal(early.json.code, "ADMIN_PASSWORD_FIRST");
  // The plugin's other routes (enable without a code, TOTP, backup codes) are closed.
  assert.equal((await post(jar, "/two-factor/enable", { password: PASSWORD, method: "otp" })).status, 404);

  // The link works once.
  const again = await auth().handler(new Request(link));
  assert.equal(
    again.headers.getSetCookie().filter((c) => c.includes("session_token=") && !c.includes("session_token=;")).length,
    0,
  );
});

test("setup: a password and a confirmed emailed code give admin access", async () => {
  const { jar, address } = await setUpAdmin();
  const { requireAdminOf } = await import("../../lib/auth/guard");
  const identity = await requireAdminOf(jar.headers());
  assert.equal(identity.email, address);
  assert.deepEqual(await adminFrom(jar.headers()), { userId: identity.userId, email: address });
});

test("a set-up admin: the password alone gives no session; a wrong code is refused; password and code give one", async () => {
  const { address } = await setUpAdmin();
  const { jar, answer } = await passwordSignIn(address);
  assert.equal(answer.status, 200);
  assert.equal(answer.json.twoFactorRedirect, true);
  assert.ok(!jar.has("session_token"), "no session cookie after the password alone");
  assert.equal(await adminFrom(jar.headers()), null);
  await refusedWithRedirect(jar.headers());

  const code = await emailedCode(() => post(jar, "/two-factor/send-otp", {}));
  const wrong = await post(jar, "/two-factor/verify-otp", { code: code === "000000" ? "111111" : "000000" });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.json.code, "INVALID_CODE");
  assert.equal(await adminFrom(jar.headers()), null);

  const right = await post(jar, "/two-factor/verify-otp", { code });
  assert.equal(right.status, 200, JSON.stringify(right.json));
  assert.equal((await adminFrom(jar.headers()))?.email, address);
});

test("a wrong password is refused and gives nothing", async () => {
  const { address } = await setUpAdmin();
  const { jar, answer } = await passwordSignIn(address, "not the password at all");
  assert.equal(answer.status, 401);
  assert.equal(answer.json.code, "INVALID_EMAIL_OR_PASSWORD");
  assert.equal(await adminFrom(jar.headers()), null);
  // Without a password sign-in under way there is nobody to send a code to.
  assert.equal((await post(jar, "/two-factor/send-otp", {})).status, 401);
});

test("a set-up admin is refused a session through the customers' emailed-code sign-in", async () => {
  const { address } = await setUpAdmin();
  const jar = new Jar();
  const otp = await emailedCode(() =>
    post(jar, "/email-otp/send-verification-otp", { email: address, type: "sign-in" }),
  );
  const answer = await post(jar, "/sign-in/email-otp", { email: address, otp });
  assert.equal(answer.status, 403);
  assert.equal(answer.json.code, "ADMIN_PASSWORD_REQUIRED");
  assert.ok(!jar.has("session_token"));
  assert.equal(await adminFrom(jar.headers()), null);
});

test("before setup too, an admin's emailed sign-in code opens no session (only admin:create's link does)", async () => {
  const address = email("unset");
  await setupSession(address);
  const jar = new Jar();
  const otp = await emailedCode(() =>
    post(jar, "/email-otp/send-verification-otp", { email: address, type: "sign-in" }),
  );
  const answer = await post(jar, "/sign-in/email-otp", { email: address, otp });
  assert.equal(answer.status, 403);
  assert.equal(answer.json.code, "ADMIN_PASSWORD_REQUIRED");
  assert.ok(!jar.has("session_token"));
});

test("the auth library's admin endpoints are not routed; a passkey is added only after both factors", async () => {
  const setup = new Jar(await setupSession());
  assert.equal((await post(setup, "/admin/set-role", { userId: "x", role: "admin" })).status, 404);
  const { auth } = await import("../../lib/auth/auth");
  const register = await auth().handler(
    new Request("http://localhost:3999/api/auth/passkey/generate-register-options", {
      headers: { cookie: setup.headers().get("cookie")!, origin: "http://localhost:3999" },
    }),
  );
  assert.equal(register.status, 403, "a setup session (the link alone) cannot add a passkey");
  const { jar } = await setUpAdmin();
  const granted = await auth().handler(
    new Request("http://localhost:3999/api/auth/passkey/generate-register-options", {
      headers: { cookie: jar.headers().get("cookie")!, origin: "http://localhost:3999" },
    }),
  );
  assert.equal(granted.status, 200);
});

test("a session of a set-up admin that proved no second factor is refused", async () => {
  const { auth } = await import("../../lib/auth/auth");
  const { address } = await setUpAdmin();
  const context = await auth().$context;
  const user = (await context.internalAdapter.findUserByEmail(address))!.user;
  // As any other way in would make it (server code, no second factor recorded).
  const session = await context.internalAdapter.createSession(user.id);
  const { serializeSignedCookie } = await import("better-call");
  const cookie = await serializeSignedCookie("better-auth.session_token", session.token, context.secret);
  const headers = new Headers({ cookie: cookie.split(";")[0]! });
  assert.equal((await auth().api.getSession({ headers }))?.user.email, address, "the session itself is valid");
  assert.equal(await adminFrom(headers), null);
  await refusedWithRedirect(headers);
});

/** Password, then the emailed code: a granted admin session. */
async function signedInAdmin(address: string): Promise<Headers> {
  const { jar } = await passwordSignIn(address);
  const code = await emailedCode(() => post(jar, "/two-factor/send-otp", {}));
  assert.equal((await post(jar, "/two-factor/verify-otp", { code })).status, 200);
  return jar.headers();
}

test("after sign out everywhere the admin's sessions are refused", async () => {
  const { auth } = await import("../../lib/auth/auth");
  const address = email("admin");
  await setUpAdmin(address);
  const laptop = await signedInAdmin(address);
  const phone = await signedInAdmin(address);
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
