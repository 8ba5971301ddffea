import type { Locale } from "@/lib/i18n/locales";
import { format, MESSAGES } from "@/lib/i18n/messages";
import { MERCHANT_NAME } from "@/lib/mandate/terms";

/** The parts every email is made of; one layout turns them into HTML and plain text. */
export type Block =
  | { type: "p"; text: string }
  | { type: "code"; text: string }
  | { type: "quote"; text: string }
  | { type: "facts"; rows: [label: string, value: string][] }
  | { type: "link"; label: string; url: string };

export interface EmailContent {
  subject: string;
  blocks: Block[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case "p":
      return `<p style="margin:0 0 16px">${escapeHtml(block.text)}</p>`;
    case "code":
      return `<p style="margin:0 0 16px;font-size:28px;font-weight:bold;letter-spacing:4px">${escapeHtml(block.text)}</p>`;
    case "quote":
      return `<blockquote style="margin:0 0 16px;padding:12px;border-left:4px solid #ccc;background:#f7f7f7;white-space:pre-wrap">${escapeHtml(block.text)}</blockquote>`;
    case "facts":
      return `<table style="margin:0 0 16px;border-collapse:collapse">${block.rows
        .map(
          ([label, value]) =>
            `<tr><th style="text-align:left;padding:4px 16px 4px 0">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
        )
        .join("")}</table>`;
    case "link":
      return `<p style="margin:0 0 16px"><a href="${escapeHtml(block.url)}" style="display:inline-block;padding:10px 16px;background:#1a56db;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(block.label)}</a></p>`;
  }
}

function blockText(block: Block): string {
  switch (block.type) {
    case "p":
    case "code":
      return block.text;
    case "quote":
      return block.text
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n");
    case "facts":
      return block.rows.map(([label, value]) => `${label}: ${value}`).join("\n");
    case "link":
      return `${block.label}: ${block.url}`;
  }
}

export function layout(content: EmailContent, locale: Locale): RenderedEmail {
  const footer = format(MESSAGES[locale].mailFooter, { merchant: MERCHANT_NAME });
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;color:#111;max-width:600px;margin:0 auto;padding:24px">
<h1 style="font-size:20px;margin:0 0 24px">${escapeHtml(MERCHANT_NAME)}</h1>
${content.blocks.map(blockHtml).join("\n")}
<hr style="border:0;border-top:1px solid #ddd;margin:24px 0">
<p style="font-size:12px;color:#555">${escapeHtml(footer)}</p>
</body></html>`;
  const text = [MERCHANT_NAME, "", ...content.blocks.flatMap((block) => [blockText(block), ""]), "--", footer].join(
    "\n",
  );
  return { subject: content.subject, text, html };
}
