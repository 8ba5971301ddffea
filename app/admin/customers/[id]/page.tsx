import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatusBadge } from "@/components/admin/status-badge";
import { StripeId } from "@/components/admin/stripe-id";
import { ChargesTable } from "@/components/admin/charges-table";
import { chargeRows } from "@/lib/admin/charge-rows";
import { emailKindLabel, listTime, localeLabel, methodLabel, purposeLabel } from "@/lib/admin/labels";
import { requireAdmin } from "@/lib/auth/guard";
import { formatMoney } from "@/lib/catalogue/money";
import { emailsSentTo, findCustomerForAdmin } from "@/lib/db/admin-customers";
import { format } from "@/lib/i18n/messages";
import { titled } from "@/lib/i18n/page-title";
import { requestMessages } from "@/lib/i18n/request-locale";
import "../../admin.css";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("adminCustomerPageTitle");

/** One customer: their consents, subscriptions, payments and the emails we sent them. */
export default async function AdminCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { t, locale } = await requestMessages();
  const ts = (date: Date | null | undefined) => listTime(date, locale);
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
      <h1>{format(t.adminCustomerTitle, { email: customer.email })}</h1>
      <AdminNav current="/admin/mandates" email={admin.email} t={t} />
      <dl className="facts">
        <div>
          <dt>{t.adminStripeCustomer}</dt>
          <dd>
            <StripeId id={customer.stripeCustomerId} />
          </dd>
        </div>
        <div>
          <dt>{t.adminLanguage}</dt>
          <dd>{localeLabel(customer.locale)}</dd>
        </div>
        <div>
          <dt>{t.adminSince}</dt>
          <dd>
            {ts(customer.createdAt)} {t.adminUtc}
          </dd>
        </div>
      </dl>

      <h2>{t.adminConsents}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.adminColAccepted}</th>
            <th scope="col">{t.adminColMethod}</th>
            <th scope="col">{t.adminColPurpose}</th>
            <th scope="col">{t.adminColStatus}</th>
          </tr>
        </thead>
        <tbody>
          {customer.consents.map((consent) => (
            <tr key={consent.id}>
              <td>
                <Link href={`/admin/mandates/${consent.id}`}>{ts(consent.acceptedAt)}</Link>
              </td>
              <td>{methodLabel(t, consent.paymentMethodType)}</td>
              <td>{purposeLabel(t, consent.purpose)}</td>
              <td>
                <StatusBadge status={consent.status} domain="consent" t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t.adminSubscriptions}</h2>
      {customer.subscriptions.length === 0 ? (
        <p>{t.adminNone}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.adminColSubscription}</th>
              <th scope="col">{t.adminColStatus}</th>
              <th scope="col" className="num">
                {t.adminColPrice}
              </th>
              <th scope="col">{t.adminColPeriodEnd}</th>
            </tr>
          </thead>
          <tbody>
            {customer.subscriptions.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/admin/mandates/${s.consentId}`}>{s.stripeSubscriptionId}</Link>
                </td>
                <td>
                  <StatusBadge status={s.status} domain="subscription" t={t} />
                  {s.cancelAtPeriodEnd ? ` ${t.adminCancelsAtPeriodEnd}` : ""}
                </td>
                <td className="num">{formatMoney(s.unitAmount, s.currency, locale)}</td>
                <td>{ts(s.currentPeriodEnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t.adminPayments}</h2>
      <ChargesTable rows={payments} empty={t.adminNone} t={t} locale={locale} />

      <h2>{t.adminEmails}</h2>
      {emails.length === 0 ? (
        <p>{t.adminNoEmails}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.adminColQueued}</th>
              <th scope="col">{t.adminColKind}</th>
              <th scope="col">{t.adminColStatus}</th>
              <th scope="col">{t.adminColSent}</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((email) => (
              <tr key={email.id}>
                <td>{ts(email.createdAt)}</td>
                <td>{emailKindLabel(t, email.kind)}</td>
                <td>
                  <StatusBadge status={email.status} domain="email" t={t} />
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
