import { randomUUID } from "node:crypto";
import type { AdminIdentity } from "@/lib/auth/guard";
import { appendAudit, type AuditEntry } from "@/lib/db/admin-audit";
import { adminActions, type Allowance } from "@/lib/rate-limit/limiters";

/** What the admin was about to do, for the audit row of a refusal. */
export type AttemptedAction = Pick<AuditEntry, "action" | "targetType" | "targetId">;

/**
 * Takes one of the admin's actions in the window (RATE_LIMIT_ADMIN_*), before
 * anything is read or sent. A refusal changes nothing and is itself audited,
 * under its own id: the form's action id stays free for the admin's retry.
 */
export async function takeAdminAction(
  admin: Pick<AdminIdentity, "userId" | "email">,
  attempt: AttemptedAction,
): Promise<Allowance> {
  const allowance = await adminActions(admin.userId);
  if (!allowance.ok) {
    await appendAudit({
      actionId: randomUUID(),
      adminId: admin.userId,
      adminEmail: admin.email,
      ...attempt,
      outcome: "refused",
      detail: `rate limited: too many admin actions; nothing was done; retry after ${allowance.retryAfterSeconds} s`,
    });
  }
  return allowance;
}
