import { formatMoney } from "@/lib/catalogue/money";
import type { SubscriptionPayment } from "@/lib/db/models";
import { formatDate } from "@/lib/i18n/dates";
import { failureMessage } from "@/lib/i18n/error-message";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

/** A subscription's invoices: when, how much, paid or not (and why not, in our words), and the invoice itself. */
export function ChargeList({ payments, t, locale }: { payments: SubscriptionPayment[]; t: Messages; locale: Locale }) {
  return (
    <details open>
      <summary>{t.charges}</summary>
      <ul className="charges" data-testid="charges">
        {payments.map((payment) => (
          <li key={payment.id} data-status={payment.status} data-off-session={payment.offSession}>
            {formatDate(payment.invoiceCreated, locale)} ·{" "}
            <span className="nowrap">{formatMoney(payment.amountDue, payment.currency, locale)}</span> ·{" "}
            {t[`invoice_${payment.status}` as keyof Messages] ?? payment.status} ·{" "}
            {payment.offSession ? t.chargeRenewal : t.chargeFirst}
            {payment.status === "open" && payment.failureCode ? ` · ${failureMessage(payment.failureCode, t)}` : ""}
            {payment.hostedInvoiceUrl && (
              <>
                {" · "}
                <a href={payment.hostedInvoiceUrl} target="_blank" rel="noopener" data-testid="invoice-link">
                  {t.viewInvoice}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
