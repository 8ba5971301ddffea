/** API key checks: Bearer or Basic auth, test-mode keys only. */
import type { IncomingHttpHeaders } from "node:http";
import { StripeError } from "./errors.js";

export type AuthKind = "secret" | "publishable";

export interface Auth {
  kind: AuthKind;
  key: string;
}

function unauthorized(message: string): StripeError {
  return new StripeError({ status: 401, type: "invalid_request_error", message, saveIdempotent: false });
}

/** Stripe shows only the start and the last four characters of a bad key. */
export function maskKey(key: string): string {
  if (key.length <= 12) return key.slice(0, 3) + "*".repeat(Math.max(key.length - 3, 0));
  const prefixMatch = /^[a-z]{2,4}_(test|live)_/.exec(key);
  const prefix = prefixMatch ? prefixMatch[0] : key.slice(0, 3);
  return prefix + "*".repeat(key.length - prefix.length - 4) + key.slice(-4);
}

function extractKey(headers: IncomingHttpHeaders): string | null {
  const header = headers.authorization;
  if (!header) return null;
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const value = rest.join(" ");
  if (/^bearer$/i.test(scheme)) return value || null;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const user = decoded.split(":")[0];
    return user || null;
  }
  return null;
}

export function authenticate(headers: IncomingHttpHeaders): Auth {
  const key = extractKey(headers);
  if (!key) {
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (/^(sk|rk)_test_\w+/.test(key)) return { kind: "secret", key };
  if (/^pk_test_\w+/.test(key)) return { kind: "publishable", key };
  throw unauthorized(`Invalid API Key provided: ${maskKey(key)}`);
}

export function publishableKeyNotAllowed(): StripeError {
  return unauthorized(
    "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
  );
}
