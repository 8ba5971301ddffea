// better-auth's HTTP endpoints driven as a browser would (cookies kept in a jar,
// same origin), for the integration tests of sign-in and the admin guard.
import assert from "node:assert/strict";

/** The Cookie header a browser would send back after `response`. */
export function cookieFrom(response: Headers): Headers {
  const cookies = response
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="));
  assert.ok(cookies.length > 0, "a session cookie was set");
  return new Headers({ cookie: cookies.join("; ") });
}

export const APP = "http://localhost:3999";

/** A browser's cookie jar: what the auth endpoints set, sent back on the next request. */
export class Jar {
  private cookies = new Map<string, string>();
  constructor(from?: Headers) {
    for (const pair of (from?.get("cookie") ?? "").split("; ").filter(Boolean)) this.set(pair);
  }
  private set(pair: string) {
    const at = pair.indexOf("=");
    const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
    if (value) this.cookies.set(name, value);
    else this.cookies.delete(name);
  }
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      const expired = /max-age=0/i.test(line);
      this.set(expired ? `${pair.split("=")[0]}=` : pair);
    }
  }
  has(name: string) {
    return [...this.cookies.keys()].some((key) => key.endsWith(name));
  }
  headers(): Headers {
    return new Headers({ cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") });
  }
}

/** POSTs to better-auth's HTTP endpoint as the browser would (same origin, the jar's cookies). */
export async function post(
  jar: Jar,
  path: string,
  body: unknown,
  ip = "198.51.100.20",
): Promise<{ status: number; json: Record<string, unknown> }> {
  const { auth } = await import("../../lib/auth/auth");
  const headers = jar.headers();
  headers.set("content-type", "application/json");
  headers.set("origin", APP);
  headers.set("x-forwarded-for", ip);
  const response = await auth().handler(
    new Request(`${APP}/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) }),
  );
  jar.take(response);
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Runs `work` and returns the code it emailed (captured instead of sent). */
export async function emailedCode(work: () => Promise<unknown>): Promise<string> {
  const { captureSignInMessages } = await import("../../lib/auth/send-sign-in-code");
  const messages = await captureSignInMessages(work);
  const code = messages.at(-1)?.code;
  assert.ok(code && /^\d{6}$/.test(code), "a 6-digit code was emailed");
  return code;
}

export const ADMIN_PASSWORD = "correct horse battery staple";

const adminEmail = () => `admin-${crypto.randomUUID().slice(0, 8)}@example.com`;

/** admin:create's one-time link, followed: a session that may only set the account up. */
export async function setupSession(address = adminEmail()): Promise<Headers> {
  const { auth } = await import("../../lib/auth/auth");
  const { createAdmin } = await import("../../lib/auth/create-admin");
  const { link } = await createAdmin(address);
  const response = await auth().handler(new Request(link));
  assert.equal(response.status, 302, "the one-time link signs in and redirects");
  assert.equal(new URL(response.headers.get("location")!, link).pathname, "/admin/setup");
  return cookieFrom(response.headers);
}

/** A new admin who followed the link, chose a password and confirmed an emailed code: their session is returned. */
export async function setUpAdmin(address = adminEmail()): Promise<{ jar: Jar; address: string }> {
  const { auth } = await import("../../lib/auth/auth");
  const jar = new Jar(await setupSession(address));
  await auth().api.setPassword({ body: { newPassword: ADMIN_PASSWORD }, headers: jar.headers() });
  const code = await emailedCode(() => post(jar, "/two-factor/send-otp", {}));
  const verified = await post(jar, "/two-factor/verify-otp", { code });
  assert.equal(verified.status, 200, JSON.stringify(verified.json));
  return { jar, address };
}
