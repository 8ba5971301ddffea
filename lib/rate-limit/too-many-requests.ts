import type { Locale } from "@/lib/i18n/locales";
import { format, MESSAGES } from "@/lib/i18n/messages";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The answer a route handler gives a limited request: 429 with Retry-After
 * and a short page in the reader's language (nothing was done).
 */
export function tooManyRequests(locale: Locale, retryAfterSeconds: number): Response {
  const t = MESSAGES[locale];
  const seconds = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  const body = format(t.rateLimitedBody, { seconds });
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(t.rateLimitedTitle)}</title></head>` +
    `<body><main><h1>${escapeHtml(t.rateLimitedTitle)}</h1><p>${escapeHtml(body)}</p></main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": seconds, "cache-control": "no-store" },
  });
}
