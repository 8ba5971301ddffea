import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatusBadge } from "@/components/admin/status-badge";
import { StripeId } from "@/components/admin/stripe-id";
import { ChargesTable } from "@/components/admin/charges-table";
import { chargeRows } from "@/lib/admin/charge-rows";
import { requireAdmin } from "@/lib/auth/guard";
import { formatMoney } from "@/lib/catalogue/money";
import { emailsSentTo, findCustomerForAdmin } from "@/lib/db/admin-customers";
import "../../admin.css";

export const dynamic = "force-dynamic";

const ts = (date: Date | null | undefined) => (date ? date.toISOString().replace("T", " ").slice(0, 19) : "—");

/** One customer: their consents, subscriptions, payments and the emails we sent them. */
export default async function AdminCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { id } = await params;
  const customer = await findCustomerForAdmin(id.slice(0, 64));
  if (!customer) notFound();
  const emails = await emailsSentTo(customer.email);
  const payments = chargeRows(
    customer.subscriptions.flatMap((s) => s.payments),
    customer.consents.flatMap((c) => c.adminPayments),
  );

  return (
    <div className="admin">
      <h1>Customer {customer.email}</h1>
      <AdminNav current="/admin/mandates" email={admin.email} />
      <dl className="facts">
        <div>
          <dt>Stripe customer</dt>
          <dd>
            <StripeId id={customer.stripeCustomerId} />
          </dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{customer.locale}</dd>
        </div>
        <div>
          <dt>Since</dt>
          <dd>{ts(customer.createdAt)} UTC</dd>
        </div>
      </dl>

      <h2>Consents</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Accepted (UTC)</th>
            <th scope="col">Method</th>
            <th scope="col">Purpose</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {customer.consents.map((consent) => (
            <tr key={consent.id}>
              <td>
                <Link href={`/admin/mandates/${consent.id}`}>{ts(consent.acceptedAt)}</Link>
              </td>
              <td>{consent.paymentMethodType.replace(/_/g, " ")}</td>
              <td>{consent.purpose.replace(/_/g, " ")}</td>
              <td>
                <StatusBadge status={consent.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Subscriptions</h2>
      {customer.subscriptions.length === 0 ? (
        <p>None.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Subscription</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col">Period end (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {customer.subscriptions.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/admin/mandates/${s.consentId}`}>{s.stripeSubscriptionId}</Link>
                </td>
                <td>
                  <StatusBadge status={s.status} />
                  {s.cancelAtPeriodEnd ? " (cancels at period end)" : ""}
                </td>
                <td className="num">{formatMoney(s.unitAmount, s.currency, "en")}</td>
                <td>{ts(s.currentPeriodEnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Payments</h2>
      <ChargesTable rows={payments} empty="None." />

      <h2>Emails</h2>
      {emails.length === 0 ? (
        <p>None sent.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Queued (UTC)</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Sent (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((email) => (
              <tr key={email.id}>
                <td>{ts(email.createdAt)}</td>
                <td>{email.kind.replace(/_/g, " ")}</td>
                <td>
                  <StatusBadge status={email.status} />
                  {email.lastError ? <div className="muted">{email.lastError}</div> : null}
                </td>
                <td>{ts(email.sentAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
