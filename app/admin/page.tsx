import { AdminNav } from "@/components/admin/admin-nav";
import { SessionControls } from "@/components/auth/session-controls";
import { BarChart } from "@/components/admin/bar-chart";
import { requireAdmin } from "@/lib/auth/guard";
import { formatMoney } from "@/lib/catalogue/money";
import { adminOverview, consentsPerDay } from "@/lib/db/admin-overview";
import { format } from "@/lib/i18n/messages";
import { requestMessages } from "@/lib/i18n/request-locale";
import "./admin.css";

export const dynamic = "force-dynamic";

function Counts({ title, rows }: { title: string; rows: { key: string; count: number }[] }) {
  return (
    <section className="card">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <dl className="facts">
          {rows.map((row) => (
            <div key={row.key}>
              <dt>{row.key.replace(/_/g, " ")}</dt>
              <dd>{row.count.toLocaleString("en")}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The operations overview: what changed, what needs attention. */
export default async function AdminOverviewPage() {
  const admin = await requireAdmin();
  const [overview, perDay, { t }] = await Promise.all([adminOverview(), consentsPerDay(30), requestMessages()]);
  return (
    <div className="admin">
      <h1>Admin overview</h1>
      <AdminNav current="/admin" email={admin.email} />
      <p className="lead" data-testid="admin-identity">
        {format(t.adminSignedInAs, { email: admin.email })}
      </p>
      <div className="grid">
        <Counts title="Consents by status" rows={overview.consentsByStatus} />
        <Counts title="Consents by method" rows={overview.consentsByMethod} />
        <section className="card">
          <h2>New consents</h2>
          <dl className="facts">
            <div>
              <dt>last 24 hours</dt>
              <dd>{overview.newLast24h.toLocaleString("en")}</dd>
            </div>
            <div>
              <dt>last 7 days</dt>
              <dd>{overview.newLast7d.toLocaleString("en")}</dd>
            </div>
          </dl>
        </section>
        <Counts title="Subscriptions by status" rows={overview.subscriptionsByStatus} />
        <section className="card">
          <h2>Needs attention</h2>
          <dl className="facts">
            <div>
              <dt>failed renewals</dt>
              <dd>{overview.failedRenewals}</dd>
            </div>
            <div>
              <dt>webhook events waiting</dt>
              <dd>{overview.webhooks.waiting}</dd>
            </div>
            <div>
              <dt>webhook events failed</dt>
              <dd>{overview.webhooks.failed}</dd>
            </div>
          </dl>
        </section>
        <section className="card">
          <h2>Charged under mandates this month</h2>
          {overview.revenueThisMonth.length === 0 ? (
            <p>Nothing yet this month.</p>
          ) : (
            <ul>
              {overview.revenueThisMonth.map((row) => (
                <li key={row.currency}>{formatMoney(row.amount, row.currency, "en")}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section>
        <h2>Consents per day</h2>
        <BarChart
          title="Consents accepted per day, last 30 days (UTC)"
          points={perDay.map((p) => ({ label: p.day.toISOString().slice(0, 10), value: p.count }))}
        />
      </section>
      <SessionControls t={t} />
    </div>
  );
}
