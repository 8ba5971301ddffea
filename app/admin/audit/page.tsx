import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatusBadge } from "@/components/admin/status-badge";
import { auditActionLabel, auditDetail, listTime } from "@/lib/admin/labels";
import { requireAdmin } from "@/lib/auth/guard";
import { listAuditPage } from "@/lib/db/admin-audit";
import type { SearchParams } from "@/lib/http/return-query";
import { titled } from "@/lib/i18n/page-title";
import { requestMessages } from "@/lib/i18n/request-locale";
import "../admin.css";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("adminAuditTitle");

function decode(value: string | string[] | undefined) {
  const match = (Array.isArray(value) ? value[0] : value)?.match(/^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/);
  return match ? { createdAt: new Date(Number(match[1])), id: match[2]! } : null;
}

function targetLink(type: string, id: string) {
  if (type === "consent") return <Link href={`/admin/mandates/${id}`}>{id}</Link>;
  return <code>{id}</code>;
}

/** Every admin action, newest first: who, what, when, on which record, the outcome. Rows are never changed. */
export default async function AdminAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const { t, locale } = await requestMessages();
  const page = await listAuditPage(decode((await searchParams).after));
  return (
    <div className="admin">
      <h1>{t.adminAuditTitle}</h1>
      <AdminNav current="/admin/audit" email={admin.email} t={t} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t.adminColWhen}</th>
            <th scope="col">{t.adminColAdmin}</th>
            <th scope="col">{t.adminColAction}</th>
            <th scope="col">{t.adminColRecord}</th>
            <th scope="col">{t.adminColOutcome}</th>
            <th scope="col">{t.adminColDetail}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.length === 0 ? (
            <tr>
              <td colSpan={6}>{t.adminNoAuditYet}</td>
            </tr>
          ) : (
            page.rows.map((row) => (
              <tr key={row.id}>
                <td>{listTime(row.createdAt, locale)}</td>
                <td>{row.adminEmail}</td>
                <td>{auditActionLabel(t, row.action)}</td>
                <td>{targetLink(row.targetType, row.targetId)}</td>
                <td>
                  <StatusBadge status={row.outcome} domain="outcome" t={t} />
                </td>
                <td>{auditDetail(t, row, locale)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <nav className="pager" aria-label={t.adminPages}>
        {page.next ? (
          <Link href={`/admin/audit?after=${page.next.createdAt.getTime()}.${page.next.id}`}>{t.adminOlder}</Link>
        ) : (
          <span>{t.adminEndOfLog}</span>
        )}
      </nav>
    </div>
  );
}
