import { isLocale, negotiateLocale } from "@/lib/i18n/locales";
import { requestContextFrom } from "@/lib/http/request-context";
import { consentAllowance } from "./consent-allowance";
import { tooManyRequests } from "./too-many-requests";

/** The pages whose forms record a consent: /save and a plan's page (not its return pages). */
const CONSENT_PAGE = /^\/(save|subscribe\/(?!return$|payment-return$)[^/]+)$/;

interface RequestLike {
  method: string;
  nextUrl: { pathname: string };
  headers: { get(name: string): string | null };
  cookies: { get(name: string): { value: string } | undefined };
  clone(): { formData(): Promise<FormData>; text(): Promise<string> };
}

/**
 * A consent or checkout submission from an address, or for an email, whose
 * attempts are used up: answered here with a 429 page in the reader's
 * language, before any page code runs. Only looks: the server action takes
 * the attempt (lib/billing/record-consent.ts), so a submission is counted once
 * and one racing past this check is still refused there, with nothing written.
 * A submission sent by the page's script (a `Next-Action` request) is left to
 * the action, which asks the same question before it creates an account or
 * sends a code (lib/auth/checkout-identity.ts) and answers in the form: the
 * script expects the action's answer, and a 429 page would reach the reader as
 * a broken page.
 */
export async function refuseConsentBurst(request: RequestLike): Promise<Response | null> {
  if (request.method !== "POST" || !CONSENT_PAGE.test(request.nextUrl.pathname)) return null;
  if (request.headers.get("next-action") && request.headers.get("accept")?.includes("text/x-component")) return null;
  const submitted = await consentSubmission(request);
  if (!submitted) return null;
  const { ipAddress } = requestContextFrom(request.headers);
  const allowance = await consentAllowance(ipAddress, submitted.email);
  if (allowance.ok) return null;
  const chosen = request.cookies.get("locale")?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(request.headers.get("accept-language"));
  return tooManyRequests(locale, allowance.retryAfterSeconds);
}

/**
 * The consent form's fields, as a browser without script posts them (`email`)
 * or as React sends a server action's form (`1_email`); the card form's JSON
 * argument. Anything else posted to these pages (the language switch) is not a consent.
 */
async function consentSubmission(request: RequestLike): Promise<{ email: string | null } | null> {
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
      const fields = [...(await request.clone().formData()).entries()];
      const field = (name: string) => fields.find(([key]) => key === name || key.endsWith(`_${name}`))?.[1];
      if (field("termsVersion") === undefined) return null;
      const email = field("email");
      return { email: typeof email === "string" ? email : null };
    }
    const args: unknown = JSON.parse(await request.clone().text());
    const input = Array.isArray(args) ? (args[0] as Record<string, unknown> | null) : null;
    if (!input || typeof input !== "object" || !("termsVersion" in input)) return null;
    return { email: typeof input.email === "string" ? input.email : null };
  } catch {
    return null; // not a form we know: the page's own validation answers it
  }
}
