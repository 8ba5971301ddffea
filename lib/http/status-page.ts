import type { Locale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A small self-contained page for answers given before the app renders
 * (a refused request: 413, 429): the reader's language, a way back, no scripts.
 */
export function statusPage(
  status: number,
  locale: Locale,
  text: { title: string; body: string },
  headers: Record<string, string> = {},
): Response {
  const t = MESSAGES[locale];
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(text.title)}</title></head>` +
    `<body><main><h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.body)}</p>` +
    `<p><a href="/">${escapeHtml(t.appName)}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}
