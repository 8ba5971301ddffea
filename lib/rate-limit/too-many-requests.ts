import { statusPage } from "@/lib/http/status-page";
import type { Locale } from "@/lib/i18n/locales";
import { format, MESSAGES } from "@/lib/i18n/messages";

/**
 * The answer a route handler gives a limited request: 429 with Retry-After
 * and a short page in the reader's language (nothing was done).
 */
export function tooManyRequests(locale: Locale, retryAfterSeconds: number): Response {
  const t = MESSAGES[locale];
  const seconds = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  return statusPage(
    429,
    locale,
    { title: t.rateLimitedTitle, body: format(t.rateLimitedBody, { seconds }) },
    { "retry-after": seconds },
  );
}
