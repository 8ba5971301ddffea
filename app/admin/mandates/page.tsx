import Link from "next/link";
import { redirect } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatusBadge } from "@/components/admin/status-badge";
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
import "../admin.css";

export const dynamic = "force-dynamic";

function Select({
  name,
  label,
  options,
  value,
}: {
  name: string;
  label: string;
  options: readonly string[];
  value?: string;
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option.replace(/_/g, " ")}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Every consent, newest first, filtered by the URL, paged by cursor. */
export default async function AdminMandatesPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
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
      <h1>Mandates</h1>
      <AdminNav current="/admin/mandates" email={admin.email} />
      {!parsed.success ? (
        <p className="notice bad" role="alert">
          Some filters in the address were not understood and were ignored.
        </p>
      ) : null}
      <form className="filters" method="get" action="/admin/mandates" role="search">
        <label>
          Email prefix or Stripe id
          <input
            type="search"
            name="q"
            defaultValue={query.q ?? ""}
            placeholder="anna@… or seti_…, cus_…, pm_…"
            autoComplete="off"
          />
        </label>
        <Select name="status" label="Status" options={STATUSES} value={query.status} />
        <Select name="method" label="Method" options={METHODS} value={query.method} />
        <Select name="purpose" label="Purpose" options={PURPOSES} value={query.purpose} />
        <Select name="locale" label="Locale" options={LOCALES} value={query.locale} />
        <label>
          Terms version
          <input type="text" name="terms" defaultValue={query.terms ?? ""} size={12} />
        </label>
        <label>
          Accepted from
          <input type="date" name="from" defaultValue={query.from ?? ""} />
        </label>
        <label>
          Accepted to
          <input type="date" name="to" defaultValue={query.to ?? ""} />
        </label>
        <button type="submit" className="primary">
          Apply
        </button>
        <Link href="/admin/mandates">Clear</Link>
        <a href={`/admin/mandates/export${queryString(view)}`} download>
          Export CSV of this filter
        </a>
      </form>
      {notFound ? (
        <p className="notice warn" role="status">
          No record of ours carries the Stripe id <code>{notFound}</code>.
        </p>
      ) : null}
      {page.narrowed ? (
        <p className="notice warn" role="status">
          More than {EMAIL_PREFIX_CUSTOMER_LIMIT} customers&apos; emails start with “{query.q}”: the list shows the
          consents of the first {EMAIL_PREFIX_CUSTOMER_LIMIT} by email. Type more of the address to narrow it (the CSV
          export includes them all).
        </p>
      ) : null}
      <table>
        <caption className="sr-only">Consents, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Accepted (UTC)</th>
            <th scope="col">Customer</th>
            <th scope="col">Method</th>
            <th scope="col">Purpose</th>
            <th scope="col">Status</th>
            <th scope="col">Locale</th>
            <th scope="col">Terms</th>
            <th scope="col">SetupIntent</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.length === 0 ? (
            <tr>
              <td colSpan={8}>No consents match.</td>
            </tr>
          ) : (
            page.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link href={`/admin/mandates/${row.id}`}>
                    {row.acceptedAt.toISOString().replace("T", " ").slice(0, 19)}
                  </Link>
                </td>
                <td>
                  <Link href={`/admin/customers/${row.customerId}`}>{row.customer.email}</Link>
                </td>
                <td>{row.paymentMethodType.replace(/_/g, " ")}</td>
                <td>{row.purpose.replace(/_/g, " ")}</td>
                <td>
                  <StatusBadge status={row.status} />
                </td>
                <td>{row.termsLocale}</td>
                <td>{row.termsVersion}</td>
                <td className="mono">{row.setupIntentId ?? "—"}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages">
        {query.after ? <Link href={`/admin/mandates${queryString(view)}`}>Newest</Link> : null}
        {page.next ? (
          <Link href={`/admin/mandates${queryString({ ...view, after: encodeCursor(page.next) })}`} rel="next">
            Older
          </Link>
        ) : (
          <span>End of the list.</span>
        )}
      </nav>
    </div>
  );
}
