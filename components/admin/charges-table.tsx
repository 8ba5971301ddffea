import type { ChargeRow } from "@/lib/admin/charge-rows";
import { billingReasonLabel, listTime } from "@/lib/admin/labels";
import { formatMoney } from "@/lib/catalogue/money";
import type { Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import { StatusBadge } from "./status-badge";
import { StripeId } from "./stripe-id";

function what(charge: ChargeRow, t: Messages) {
  return charge.kind === "invoice"
    ? format(t.adminChargeInvoice, { reason: billingReasonLabel(t, charge.detail) })
    : format(t.adminChargeByAdmin, { description: charge.detail ?? "" });
}

/** The charges of a mandate or a customer: when, what, how much, the outcome, the Stripe ids. */
export function ChargesTable({
  rows,
  empty,
  t,
  locale,
}: {
  rows: ChargeRow[];
  empty: string;
  t: Messages;
  locale: Locale;
}) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <table data-testid="charges">
      <thead>
        <tr>
          <th scope="col">{t.adminColWhen}</th>
          <th scope="col">{t.adminChargesWhat}</th>
          <th scope="col" className="num">
            {t.adminChargesAmount}
          </th>
          <th scope="col">{t.adminColStatus}</th>
          <th scope="col">{t.adminChargesIds}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((charge) => (
          <tr key={charge.key}>
            <td>{listTime(charge.at, locale)}</td>
            <td>
              {what(charge, t)}
              {/* Stripe's failure text, as recorded (admins read it; it is not ours to reword). */}
              {charge.note ? <div className="muted">{charge.note}</div> : null}
            </td>
            <td className="num">{formatMoney(charge.amount, charge.currency, locale)}</td>
            <td>
              <StatusBadge status={charge.status} domain={charge.kind === "invoice" ? "invoice" : "payment"} t={t} />
            </td>
            <td>
              {charge.ids.map((stripeId) => (
                <div key={stripeId}>
                  <StripeId id={stripeId} />
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
