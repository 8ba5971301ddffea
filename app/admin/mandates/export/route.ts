import { randomUUID } from "node:crypto";
import { takeAdminAction } from "@/lib/admin/action-limit";
import { mandatesCsvExport } from "@/lib/admin/export-csv";
import { filterOf, parseMandateQuery } from "@/lib/admin/mandate-filter";
import { adminFromRequest } from "@/lib/auth/guard";
import { appendAudit } from "@/lib/db/admin-audit";
import { messagesOfRequest } from "@/lib/i18n/locale-of";
import { tooManyRequests } from "@/lib/rate-limit/too-many-requests";

export const dynamic = "force-dynamic";

/** The CSV of the list's current filter, streamed; the row count is in the file name. */
export async function GET(request: Request): Promise<Response> {
  const admin = await adminFromRequest(request);
  const { locale, t } = messagesOfRequest(request);
  if (!admin) return Response.json({ error: t.adminOnlyAdmins }, { status: 403 });
  const url = new URL(request.url);
  const target = url.search.slice(0, 1000) || "(all)";
  const allowance = await takeAdminAction(admin, { action: "export", targetType: "export", targetId: target });
  if (!allowance.ok) return tooManyRequests(locale, allowance.retryAfterSeconds);
  const parsed = parseMandateQuery(Object.fromEntries(url.searchParams));
  if (!parsed.success) return Response.json({ error: t.adminExportInvalid }, { status: 400 });
  const { count, filename, stream } = await mandatesCsvExport(filterOf(parsed.data));
  const audited = appendAudit({
    actionId: randomUUID(),
    adminId: admin.userId,
    adminEmail: admin.email,
    action: "export",
    targetType: "export",
    targetId: target,
    outcome: "succeeded",
    detail: `${count} rows`,
  });
  // Nothing is sent unless it is logged: a failed audit closes the database cursor.
  await audited.catch(async (error: unknown) => {
    await stream.cancel();
    throw error;
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-row-count": String(count),
    },
  });
}
