// The signInCodes limiter on both ways a code is emailed (a customer's sign-in
// code, an admin's second-factor code), through better-auth's HTTP endpoints:
// over the limit for an email and client address the answer is 429 with
// Retry-After and no code is generated or sent; another address still gets one.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { cookieFrom, Jar, post } from "../support/auth-http";
import { startHarness, type Harness } from "../support/harness";

// Small limits for this process (read when a limiter is first used); the auth library's own limit is off here.
process.env.RATE_LIMIT_SIGN_IN_CODES = "2";
process.env.RATE_LIMIT_STORE = "memory";
process.env.AUTH_RATE_LIMIT = "0";

let h: Harness;
before(async () => {
  h = await startHarness({ webhooks: false });
});
after(() => h.close());

const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

/** Runs `work` and returns the codes it emailed (captured instead of sent). */
async function codesSentBy(work: () => Promise<{ status: number }>) {
  const { captureSignInMessages } = await import("../../lib/auth/send-sign-in-code");
  let status = 0;
  const messages = await captureSignInMessages(async () => void ({ status } = await work()));
  return { status, codes: messages.map((m) => m.code) };
}

async function verificationRows(identifierPart: string): Promise<number> {
  const { db } = await import("../../lib/db/client");
  return db().verification.count({ where: { identifier: { contains: identifierPart } } });
}

test("customer sign-in codes: over the limit for an email and address, 429 and nothing sent", async () => {
  const address = email("limited");
  const jar = new Jar();
  const ask = (ip: string) =>
    codesSentBy(() => post(jar, "/email-otp/send-verification-otp", { email: address, type: "sign-in" }, ip));
  for (let i = 0; i < 2; i++) {
    const sent = await ask("203.0.113.5");
    assert.equal(sent.status, 200);
    assert.equal(sent.codes.length, 1);
  }
  const stored = await verificationRows(address);

  const { auth } = await import("../../lib/auth/auth");
  const refused = await auth().handler(
    new Request("http://localhost:3999/api/auth/email-otp/send-verification-otp", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "http://localhost:3999",
        "x-forwarded-for": "203.0.113.5",
      },
      body: JSON.stringify({ email: address, type: "sign-in" }),
    }),
  );
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get("retry-after")) > 0, "Retry-After says how long");
  assert.equal(((await refused.json()) as { code: string }).code, "SIGN_IN_CODES_RATE_LIMITED");
  assert.equal((await ask("203.0.113.5")).codes.length, 0, "nothing is sent over the limit");
  assert.equal(await verificationRows(address), stored, "no new code was stored");

  // The same address asked for from elsewhere, or another address from here: each has its own budget.
  assert.equal((await ask("203.0.113.6")).codes.length, 1);
  const other = await codesSentBy(() =>
    post(jar, "/email-otp/send-verification-otp", { email: email("other"), type: "sign-in" }, "203.0.113.5"),
  );
  assert.equal(other.codes.length, 1);
});

test("admins' second-factor codes share the limit", async () => {
  const { auth } = await import("../../lib/auth/auth");
  const { createAdmin } = await import("../../lib/auth/create-admin");
  const address = email("admin");
  const { link } = await createAdmin(address);
  const setup = new Jar(cookieFrom((await auth().handler(new Request(link))).headers));
  await auth().api.setPassword({ body: { newPassword: "a long enough password" }, headers: setup.headers() });
  const setupCode = await codesSentBy(() => post(setup, "/two-factor/send-otp", {}, "203.0.113.9"));
  assert.equal((await post(setup, "/two-factor/verify-otp", { code: setupCode.codes[0] }, "203.0.113.9")).status, 200);

  const jar = new Jar();
  const signIn = await post(
    jar,
    "/sign-in/email",
    { email: address, password: "a long enough password" },
    "203.0.113.7",
  );
  assert.equal(signIn.json.twoFactorRedirect, true);
  for (let i = 0; i < 2; i++) {
    assert.equal((await codesSentBy(() => post(jar, "/two-factor/send-otp", {}, "203.0.113.7"))).codes.length, 1);
  }
  const refused = await codesSentBy(() => post(jar, "/two-factor/send-otp", {}, "203.0.113.7"));
  assert.equal(refused.status, 429);
  assert.equal(refused.codes.length, 0);
});
