import { AdminNav } from "@/components/admin/admin-nav";
import { SessionControls } from "@/components/auth/session-controls";
import { BarChart } from "@/components/admin/bar-chart";
import { countText, methodLabel, statusLabel } from "@/lib/admin/labels";
import { requireAdmin } from "@/lib/auth/guard";
import { formatMoney } from "@/lib/catalogue/money";
import { OVERVIEW_MAX_AGE_MS, overviewFigures } from "@/lib/admin/overview-figures";
import { OVERVIEW_CHART_DAYS } from "@/lib/db/admin-overview";
import { INTL_TAGS, type Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import { titled } from "@/lib/i18n/page-title";
import { requestMessages } from "@/lib/i18n/request-locale";
import "./admin.css";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("adminOverviewTitle");

function Counts({
  title,
  rows,
  label,
  t,
  locale,
}: {
  title: string;
  rows: { key: string; count: number }[];
  label: (key: string) => string;
  t: Messages;
  locale: Locale;
}) {
  return (
    <section className="card">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p>{t.adminNoneYet}</p>
      ) : (
        <dl className="facts">
          {rows.map((row) => (
            <div key={row.key}>
              <dt>{label(row.key)}</dt>
              <dd>{countText(row.count, locale)}</dd>
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
  const [{ overview, perDay, countedAt }, { t, locale }] = await Promise.all([overviewFigures(), requestMessages()]);
  const day = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(INTL_TAGS[locale], { ...options, timeZone: "UTC" });
  const [fullDay, shortDay] = [day({ dateStyle: "medium" }), day({ month: "numeric", day: "numeric" })];
  return (
    <div className="admin">
      <h1>{t.adminOverviewTitle}</h1>
      <AdminNav current="/admin" email={admin.email} t={t} />
      <p className="lead" data-testid="admin-identity">
        {format(t.adminSignedInAs, { email: admin.email })}
      </p>
      <p className="muted" data-testid="overview-counted-at">
        {format(t.adminFiguresAsOf, {
          time: day({ dateStyle: "medium", timeStyle: "medium" }).format(countedAt),
          seconds: String(OVERVIEW_MAX_AGE_MS / 1000),
        })}
      </p>
      <div className="grid">
        <Counts
          title={t.adminConsentsByStatus}
          rows={overview.consentsByStatus}
          label={(key) => statusLabel(t, "consent", key)}
          t={t}
          locale={locale}
        />
        <Counts
          title={t.adminConsentsByMethod}
          rows={overview.consentsByMethod}
          label={(key) => methodLabel(t, key)}
          t={t}
          locale={locale}
        />
        <section className="card">
          <h2>{t.adminNewConsents}</h2>
          <dl className="facts">
            <div>
              <dt>{t.adminLast24h}</dt>
              <dd>{countText(overview.newLast24h, locale)}</dd>
            </div>
            <div>
              <dt>{t.adminLast7d}</dt>
              <dd>{countText(overview.newLast7d, locale)}</dd>
            </div>
          </dl>
        </section>
        <Counts
          title={t.adminSubscriptionsByStatus}
          rows={overview.subscriptionsByStatus}
          label={(key) => statusLabel(t, "subscription", key)}
          t={t}
          locale={locale}
        />
        <section className="card">
          <h2>{t.adminNeedsAttention}</h2>
          <dl className="facts">
            <div>
              <dt>{t.adminFailedRenewals}</dt>
              <dd>{countText(overview.failedRenewals, locale)}</dd>
            </div>
            <div>
              <dt>{t.adminWebhooksWaiting}</dt>
              <dd>{countText(overview.webhooks.waiting, locale)}</dd>
            </div>
            <div>
              <dt>{t.adminWebhooksFailed}</dt>
              <dd>{countText(overview.webhooks.failed, locale)}</dd>
            </div>
          </dl>
        </section>
        <section className="card">
          <h2>{t.adminRevenueThisMonth}</h2>
          {overview.revenueThisMonth.length === 0 ? (
            <p>{t.adminNothingThisMonth}</p>
          ) : (
            <ul>
              {overview.revenueThisMonth.map((row) => (
                <li key={row.currency}>{formatMoney(row.amount, row.currency, locale)}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section>
        <h2>{t.adminConsentsPerDay}</h2>
        <BarChart
          title={format(t.adminChartTitle, { days: String(OVERVIEW_CHART_DAYS) })}
          points={perDay.map((p) => ({ label: fullDay.format(p.day), tick: shortDay.format(p.day), value: p.count }))}
          t={t}
          locale={locale}
        />
      </section>
      <SessionControls t={t} />
    </div>
  );
}
