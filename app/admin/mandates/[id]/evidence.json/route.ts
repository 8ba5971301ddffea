import { evidenceDocument, liveMandateStatus } from "@/lib/admin/evidence";
import { adminFromRequest } from "@/lib/auth/guard";
import { findMandateEvidence } from "@/lib/db/admin-mandates";
import { messagesOfRequest } from "@/lib/i18n/locale-of";

export const dynamic = "force-dynamic";

/** The evidence of one consent as a JSON file (admins only). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const admin = await adminFromRequest(request);
  const { t } = messagesOfRequest(request);
  if (!admin) return Response.json({ error: t.adminOnlyAdmins }, { status: 403 });
  const { id } = await params;
  const consent = await findMandateEvidence(id.slice(0, 64));
  if (!consent) return Response.json({ error: t.adminNoSuchMandate }, { status: 404 });
  const document = evidenceDocument(consent, await liveMandateStatus(consent.mandateId));
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="mandate-evidence-${consent.id}.json"`,
      "cache-control": "no-store",
    },
  });
}
