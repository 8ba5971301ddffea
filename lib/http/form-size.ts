import { statusPage } from "./status-page";
import { isLocale, negotiateLocale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";

/**
 * The largest form post the app takes (server actions; every field is short,
 * see the zod schemas). Next enforces the same limit while reading a body
 * that has no Content-Length (next.config.ts serverActions.bodySizeLimit).
 */
export const MAX_FORM_BYTES = 64 * 1024;

interface RequestLike {
  method: string;
  nextUrl: { pathname: string };
  headers: { get(name: string): string | null };
  cookies: { get(name: string): { value: string } | undefined };
}

/** A 413 page in the reader's language for a form post over the limit; null for anything else. */
export function refuseOversizedForm(request: RequestLike): Response | null {
  if (request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return null;
  const length = Number(request.headers.get("content-length") ?? 0);
  if (!(length > MAX_FORM_BYTES)) return null;
  const chosen = request.cookies.get("locale")?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(request.headers.get("accept-language"));
  const t = MESSAGES[locale];
  return statusPage(413, locale, { title: t.tooLargeTitle, body: t.tooLargeBody });
}
