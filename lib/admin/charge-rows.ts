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
  /** A subscription invoice (detail: its billing reason) or an admin's off-session charge (detail: its description). */
  kind: "invoice" | "admin";
  detail: string | null;
  /** In the currency's minor unit. */
  amount: number;
  currency: string;
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
      kind: "invoice" as const,
      detail: p.billingReason,
      amount: p.amountPaid || p.amountDue,
      currency: p.currency,
      status: p.status,
      ids: [p.stripeInvoiceId, p.paymentIntentId].filter((id): id is string => Boolean(id)),
      note: p.failureMessage,
    })),
    ...adminPayments.map((p) => ({
      key: p.id,
      at: p.createdAt,
      kind: "admin" as const,
      detail: p.description,
      amount: p.amount,
      currency: p.currency,
      status: p.status,
      ids: p.paymentIntentId ? [p.paymentIntentId] : [],
      note: p.failureMessage,
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
}
