import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { refuseOversizedForm } from "@/lib/http/form-size";
import { refuseConsentBurst } from "@/lib/rate-limit/consent-burst";
import { contentSecurityPolicy, strictTransportSecurity, stripeSources } from "@/lib/http/content-security-policy";

/**
 * A fresh nonce per request: Next reads the policy from the request headers
 * and puts the nonce on the scripts it renders (pages are rendered per
 * request: the root layout reads the locale cookie). The response carries
 * the same policy.
 */
export async function proxy(request: NextRequest) {
  // A form post far larger than any of our forms: a clear 413, before Next reads the body (its own limit answers 500).
  // A consent submission past its rate limit: a clear 429, before the page's code runs.
  const refused = refuseOversizedForm(request) ?? (await refuseConsentBurst(request));
  if (refused) {
    refused.headers.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
    return refused;
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, stripeSources(env().stripe));
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  const hsts = strictTransportSecurity(env().appUrl);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  // Static files keep next.config.ts's headers (no scripts of their own to allow); Stripe's webhook
  // deliveries render nothing and carry their own strict policy (app/api/webhooks/stripe/route.ts).
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/webhooks/stripe).*)" }],
};
