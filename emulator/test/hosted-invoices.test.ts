import { test } from "node:test";
import assert from "node:assert/strict";
import type Stripe from "stripe";
import { createMonthlyPrice, harnessForFile, savedWallet } from "./helpers.js";

let price: Stripe.Price;
const h = harnessForFile(async ({ stripe }) => {
  price = await createMonthlyPrice(stripe, "usd", 1500, "Stock photos");
});

const absolute = (url: string) => (url.startsWith("http") ? url : `${h.base}${url}`);

test("a finalized invoice has a hosted page and a PDF, as Stripe sets them", async () => {
  const { customer, paymentMethod } = await savedWallet(h.stripe, "amazon_pay");
  const sub = await h.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: price.id }],
    default_payment_method: paymentMethod,
    off_session: true,
    expand: ["latest_invoice"],
  });
  const invoice = sub.latest_invoice as Stripe.Invoice;
  assert.equal(invoice.status, "paid");
  assert.match(invoice.hosted_invoice_url ?? "", /\/i\/test_[A-Za-z0-9]{40}$/);
  assert.equal(invoice.invoice_pdf, `${invoice.hosted_invoice_url}/pdf`);

  const pageRes = await fetch(absolute(invoice.hosted_invoice_url!));
  assert.equal(pageRes.status, 200);
  const html = await pageRes.text();
  assert.match(html, new RegExp(`Invoice ${invoice.number}`));
  assert.match(html, /data-status="paid"/);
  assert.match(html, /\$15\.00/);

  const pdfRes = await fetch(absolute(invoice.invoice_pdf!));
  assert.equal(pdfRes.headers.get("content-type"), "application/pdf");
  const pdf = Buffer.from(await pdfRes.arrayBuffer()).toString("latin1");
  assert.match(pdf, /^%PDF-1\.4/);
  assert.match(pdf, /%%EOF\n$/);
  // The xref offset points at the xref table.
  const startxref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
  assert.equal(pdf.slice(startxref, startxref + 4), "xref");
  assert.match(pdf, new RegExp(`Invoice ${invoice.number}`));

  assert.equal((await fetch(`${h.base}/i/test_nope`)).status, 404);
});
