import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatusBadge } from "@/components/admin/status-badge";
import { requireAdmin } from "@/lib/auth/guard";
import { listAuditPage } from "@/lib/db/admin-audit";
import type { SearchParams } from "@/lib/http/return-query";
import "../admin.css";

export const dynamic = "force-dynamic";

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
  const page = await listAuditPage(decode((await searchParams).after));
  return (
    <div className="admin">
      <h1>Audit log</h1>
      <AdminNav current="/admin/audit" email={admin.email} />
      <table>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Admin</th>
            <th scope="col">Action</th>
            <th scope="col">Record</th>
            <th scope="col">Outcome</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.length === 0 ? (
            <tr>
              <td colSpan={6}>No admin actions yet.</td>
            </tr>
          ) : (
            page.rows.map((row) => (
              <tr key={row.id}>
                <td>{row.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td>{row.adminEmail}</td>
                <td>{row.action.replace(/_/g, " ")}</td>
                <td>{targetLink(row.targetType, row.targetId)}</td>
                <td>
                  <StatusBadge status={row.outcome} />
                </td>
                <td>{row.detail ?? "—"}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages">
        {page.next ? (
          <Link href={`/admin/audit?after=${page.next.createdAt.getTime()}.${page.next.id}`}>Older</Link>
        ) : (
          <span>End of the log.</span>
        )}
      </nav>
    </div>
  );
}
