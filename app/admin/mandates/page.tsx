import Link from "next/link";
import { redirect } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatusBadge } from "@/components/admin/status-badge";
import { Message } from "@/components/admin/message";
import { countText, listTime, localeLabel, methodLabel, purposeLabel, statusLabel } from "@/lib/admin/labels";
import { requireAdmin } from "@/lib/auth/guard";
import {
  decodeCursor,
  encodeCursor,
  filterOf,
  METHODS,
  parseMandateQuery,
  PURPOSES,
  queryString,
  STATUSES,
} from "@/lib/admin/mandate-filter";
import { findByStripeId, looksLikeStripeId } from "@/lib/db/admin-lookup";
import { EMAIL_PREFIX_CUSTOMER_LIMIT, listMandatesPage } from "@/lib/db/admin-mandates";
import type { SearchParams } from "@/lib/http/return-query";
import { LOCALES } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import { titled } from "@/lib/i18n/page-title";
import { requestMessages } from "@/lib/i18n/request-locale";
import "../admin.css";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("adminMandatesTitle");

function Select({
  name,
  label,
  options,
  value,
  optionLabel,
  t,
}: {
  name: string;
  label: string;
  options: readonly string[];
  value?: string;
  optionLabel: (option: string) => string;
  t: Messages;
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">{t.adminAny}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Every consent, newest first, filtered by the URL, paged by cursor. */
export default async function AdminMandatesPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const { t, locale } = await requestMessages();
  const parsed = parseMandateQuery(await searchParams);
  const query = parsed.success ? parsed.data : {};
  let notFound: string | null = null;
  if (query.q && looksLikeStripeId(query.q)) {
    const target = await findByStripeId(query.q);
    if (target) redirect(target.kind === "consent" ? `/admin/mandates/${target.id}` : `/admin/customers/${target.id}`);
    notFound = query.q;
  }
  const filter = filterOf(notFound ? { ...query, q: undefined } : query);
  const page = notFound
    ? { rows: [], next: null, narrowed: false }
    : await listMandatesPage(filter, decodeCursor(query.after));
  const { after: _after, ...view } = query;
  void _after;

  return (
    <div className="admin">
      <h1>{t.adminMandatesTitle}</h1>
      <AdminNav current="/admin/mandates" email={admin.email} t={t} />
      {!parsed.success ? (
        <p className="notice bad" role="alert">
          {t.adminFiltersIgnored}
        </p>
      ) : null}
      <form className="filters" method="get" action="/admin/mandates" role="search">
        <label>
          {t.adminSearchLabel}
          <input
            type="search"
            name="q"
            defaultValue={query.q ?? ""}
            placeholder={t.adminSearchPlaceholder}
            autoComplete="off"
          />
        </label>
        <Select
          name="status"
          label={t.adminFilterStatus}
          options={STATUSES}
          value={query.status}
          optionLabel={(o) => statusLabel(t, "consent", o)}
          t={t}
        />
        <Select
          name="method"
          label={t.adminFilterMethod}
          options={METHODS}
          value={query.method}
          optionLabel={(o) => methodLabel(t, o)}
          t={t}
        />
        <Select
          name="purpose"
          label={t.adminFilterPurpose}
          options={PURPOSES}
          value={query.purpose}
          optionLabel={(o) => purposeLabel(t, o)}
          t={t}
        />
        <Select
          name="locale"
          label={t.adminFilterLocale}
          options={LOCALES}
          value={query.locale}
          optionLabel={localeLabel}
          t={t}
        />
        <label>
          {t.adminFilterTerms}
          <input type="text" name="terms" defaultValue={query.terms ?? ""} size={12} />
        </label>
        <label>
          {t.adminFilterFrom}
          <input type="date" name="from" defaultValue={query.from ?? ""} />
        </label>
        <label>
          {t.adminFilterTo}
          <input type="date" name="to" defaultValue={query.to ?? ""} />
        </label>
        <button type="submit" className="primary">
          {t.adminApply}
        </button>
        <Link href="/admin/mandates">{t.adminClear}</Link>
        <a href={`/admin/mandates/export${queryString(view)}`} download>
          {t.adminExportCsv}
        </a>
      </form>
      {notFound ? (
        <p className="notice warn" role="status">
          <Message text={t.adminStripeIdNotFound} values={{ id: <code>{notFound}</code> }} />
        </p>
      ) : null}
      {page.narrowed ? (
        <p className="notice warn" role="status">
          {format(t.adminNarrowed, { limit: countText(EMAIL_PREFIX_CUSTOMER_LIMIT, locale), prefix: query.q ?? "" })}
        </p>
      ) : null}
      <table>
        <caption className="sr-only">{t.adminMandatesCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.adminColAccepted}</th>
            <th scope="col">{t.adminColCustomer}</th>
            <th scope="col">{t.adminColMethod}</th>
            <th scope="col">{t.adminColPurpose}</th>
            <th scope="col">{t.adminColStatus}</th>
            <th scope="col">{t.adminColLocale}</th>
            <th scope="col">{t.adminColTerms}</th>
            <th scope="col">{t.adminColSetupIntent}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.length === 0 ? (
            <tr>
              <td colSpan={8}>{t.adminNoConsentsMatch}</td>
            </tr>
          ) : (
            page.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link href={`/admin/mandates/${row.id}`}>{listTime(row.acceptedAt, locale)}</Link>
                </td>
                <td>
                  <Link href={`/admin/customers/${row.customerId}`}>{row.customer.email}</Link>
                </td>
                <td>{methodLabel(t, row.paymentMethodType)}</td>
                <td>{purposeLabel(t, row.purpose)}</td>
                <td>
                  <StatusBadge status={row.status} domain="consent" t={t} />
                </td>
                <td>{localeLabel(row.termsLocale)}</td>
                <td>{row.termsVersion}</td>
                <td className="mono">{row.setupIntentId ?? "—"}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <nav className="pager" aria-label={t.adminPages}>
        {query.after ? <Link href={`/admin/mandates${queryString(view)}`}>{t.adminNewest}</Link> : null}
        {page.next ? (
          <Link href={`/admin/mandates${queryString({ ...view, after: encodeCursor(page.next) })}`} rel="next">
            {t.adminOlder}
          </Link>
        ) : (
          <span>{t.adminEndOfList}</span>
        )}
      </nav>
    </div>
  );
}
