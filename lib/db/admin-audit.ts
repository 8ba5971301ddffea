import { db } from "./client";
import { isUniqueViolation } from "./errors";

export interface AuditEntry {
  actionId: string;
  adminId: string;
  adminEmail: string;
  action: "charge" | "revoke" | "export" | "webhook_replay";
  targetType: "consent" | "webhook_event" | "export";
  targetId: string;
  outcome: "succeeded" | "failed" | "refused" | "requires_action" | "processing";
  detail?: string | null;
}

/**
 * Appends one audit row per admin action, once its outcome is known. The
 * action id is unique: a repeated submission of the same form is logged once.
 */
export async function appendAudit(entry: AuditEntry): Promise<void> {
  try {
    await db().adminAuditLog.create({ data: { ...entry, detail: entry.detail?.slice(0, 1000) ?? null } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

export interface AuditCursor {
  createdAt: Date;
  id: string;
}

/** The audit log, newest first, by keyset. */
export async function listAuditPage(cursor: AuditCursor | null, limit = 50) {
  const rows = await db().adminAuditLog.findMany({
    where: cursor
      ? // The same keyset shape as the mandates list (lib/db/admin-mandates.ts afterCursor): an index seek.
        {
          createdAt: { lte: cursor.createdAt },
          OR: [{ createdAt: { lt: cursor.createdAt } }, { id: { lt: cursor.id } }],
        }
      : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export function auditOfTarget(targetType: string, targetId: string) {
  return db().adminAuditLog.findMany({ where: { targetType, targetId }, orderBy: { createdAt: "desc" }, take: 100 });
}
