import type { ChargeRow } from "@/lib/admin/charge-rows";
import { StatusBadge } from "./status-badge";
import { StripeId } from "./stripe-id";

const ts = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19);

/** The charges of a mandate or a customer: when, what, how much, the outcome, the Stripe ids. */
export function ChargesTable({ rows, empty }: { rows: ChargeRow[]; empty: string }) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <table data-testid="charges">
      <thead>
        <tr>
          <th scope="col">When (UTC)</th>
          <th scope="col">What</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">Status</th>
          <th scope="col">Stripe ids</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((charge) => (
          <tr key={charge.key}>
            <td>{ts(charge.at)}</td>
            <td>
              {charge.what}
              {charge.note ? <div className="muted">{charge.note}</div> : null}
            </td>
            <td className="num">{charge.amount}</td>
            <td>
              <StatusBadge status={charge.status} />
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
