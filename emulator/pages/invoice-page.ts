/**
 * The hosted invoice page and its PDF (`hosted_invoice_url`, `invoice_pdf`):
 * what a customer opens from a receipt link. The PDF is a real one-page PDF
 * (text only, Helvetica) built here without dependencies.
 */
import type { ServerResponse } from "node:http";
import type Stripe from "stripe";
import type { App } from "../app.js";
import { formatAmount } from "../currency.js";
import { sendHtml } from "../http/respond.js";
import { escapeHtml, page } from "./html.js";

function invoiceFor(app: App, token: string): Stripe.Invoice | undefined {
  const id = app.store.internal.hostedInvoices[token];
  return id ? app.store.invoices.get(id) : undefined;
}

const day = (seconds: number | null) => (seconds ? new Date(seconds * 1000).toISOString().slice(0, 10) : "-");

/** The facts both renderings show, as label/value rows. */
function facts(app: App, invoice: Stripe.Invoice): [string, string][] {
  const customer = app.store.customers.get(String(invoice.customer));
  return [
    ["Invoice number", invoice.number ?? invoice.id],
    ["Status", invoice.status === "paid" ? "Paid" : invoice.status === "open" ? "Due" : String(invoice.status)],
    ["Date", day(invoice.effective_at ?? invoice.created)],
    ["Paid on", day(invoice.status_transitions.paid_at)],
    ["Billed to", customer?.email ?? String(invoice.customer)],
    ...invoice.lines.data.map((l): [string, string] => [
      l.description ?? "Item",
      formatAmount(l.amount, invoice.currency),
    ]),
    ["Total", formatAmount(invoice.total, invoice.currency)],
    ["Amount paid", formatAmount(invoice.amount_paid, invoice.currency)],
    ["Amount due", formatAmount(invoice.amount_remaining, invoice.currency)],
  ];
}

export function handleInvoicePage(app: App, res: ServerResponse, token: string, pdf: boolean): void {
  const invoice = invoiceFor(app, token);
  if (!invoice) {
    sendHtml(res, 404, page("Invoice not found", "<h1>Invoice not found</h1><p>This invoice link is not valid.</p>"));
    return;
  }
  if (pdf) {
    const body = invoicePdf(`Invoice ${invoice.number ?? invoice.id}`, facts(app, invoice));
    res.statusCode = 200;
    res.setHeader("Content-Type", "application/pdf");
    res.setHeader("Content-Disposition", `inline; filename="${invoice.number ?? invoice.id}.pdf"`);
    res.setHeader("Content-Length", body.length);
    res.end(body);
    return;
  }
  const rows = facts(app, invoice)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join("");
  sendHtml(
    res,
    200,
    page(
      `Invoice ${invoice.number ?? invoice.id}`,
      `<h1>Invoice ${escapeHtml(invoice.number ?? invoice.id)}</h1>
<p>${escapeHtml(invoice.account_name ?? "")}</p>
<dl data-testid="invoice" data-status="${escapeHtml(String(invoice.status))}">${rows}</dl>
<p><a href="${escapeHtml(invoice.invoice_pdf ?? "")}">Download PDF</a></p>`,
    ),
  );
}

/** A minimal valid PDF 1.4: one page of text lines; byte offsets in the xref table are exact. */
export function invoicePdf(title: string, rows: [string, string][]): Buffer {
  // Standard fonts take Latin-1; anything else (e.g. the won sign) is spelled out.
  const ascii = (s: string) =>
    s
      .replace(/₩/g, "KRW ")
      .replace(/[^\x20-\x7e]/g, "?")
      .replace(/[\\()]/g, (c) => `\\${c}`);
  const lines = [`BT /F1 18 Tf 56 780 Td (${ascii(title)}) Tj ET`];
  rows.forEach(([k, v], i) => {
    const y = 740 - i * 20;
    lines.push(`BT /F1 11 Tf 56 ${y} Td (${ascii(k)}) Tj ET`, `BT /F1 11 Tf 300 ${y} Td (${ascii(v)}) Tj ET`);
  });
  const content = lines.join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
