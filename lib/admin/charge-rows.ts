import { formatMoney } from "@/lib/catalogue/money";

interface InvoiceLike {
  id: string;
  invoiceCreated: Date;
  billingReason: string | null;
  amountPaid: number;
  amountDue: number;
  currency: string;
  status: string;
  stripeInvoiceId: string;
  paymentIntentId: string | null;
  failureMessage: string | null;
}

interface AdminPaymentLike {
  id: string;
  createdAt: Date;
  description: string;
  amount: number;
  currency: string;
  status: string;
  paymentIntentId: string | null;
  failureMessage: string | null;
}

export interface ChargeRow {
  key: string;
  at: Date;
  what: string;
  amount: string;
  status: string;
  /** Stripe ids of the charge (invoice, PaymentIntent). */
  ids: string[];
  note: string | null;
}

/** Every charge made under a mandate or for a customer, newest first: subscription invoices and admins' off-session charges. */
export function chargeRows(invoices: InvoiceLike[], adminPayments: AdminPaymentLike[]): ChargeRow[] {
  return [
    ...invoices.map((p) => ({
      key: p.id,
      at: p.invoiceCreated,
      what: `Invoice (${p.billingReason?.replace(/_/g, " ") ?? "invoice"})`,
      amount: formatMoney(p.amountPaid || p.amountDue, p.currency, "en"),
      status: p.status,
      ids: [p.stripeInvoiceId, p.paymentIntentId].filter((id): id is string => Boolean(id)),
      note: p.failureMessage,
    })),
    ...adminPayments.map((p) => ({
      key: p.id,
      at: p.createdAt,
      what: `Off-session charge by an admin: ${p.description}`,
      amount: formatMoney(p.amount, p.currency, "en"),
      status: p.status,
      ids: p.paymentIntentId ? [p.paymentIntentId] : [],
      note: p.failureMessage,
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
}
