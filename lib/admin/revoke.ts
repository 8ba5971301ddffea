import type { AdminIdentity } from "@/lib/auth/guard";
import { appendAudit } from "@/lib/db/admin-audit";
import { revokeThroughStripe } from "@/lib/consents/revocation";
import { findConsentById } from "@/lib/db/consents";
import { describeStripeError } from "@/lib/stripe/errors";
import type { AdminRefusal } from "./refusals";

export type AdminRevokeResult =
  | { kind: "revoked" | "already_revoked" }
  | { kind: "refused"; code: AdminRefusal; reason: string }
  | { kind: "unavailable"; reason: string };

/**
 * An admin revokes a mandate: the payment method is detached in Stripe (which
 * ends the mandate), the record moves to revoked with the admin as the source,
 * and the customer's email is queued in the same transaction. Repeating it
 * (double submit, retry) finds the consent already revoked and does nothing more.
 */
export async function revokeMandateAsAdmin(
  admin: AdminIdentity,
  input: { actionId: string; consentId: string; reason: string },
): Promise<AdminRevokeResult> {
  const audit = (outcome: "succeeded" | "refused" | "failed", detail: string) =>
    appendAudit({
      actionId: input.actionId,
      adminId: admin.userId,
      adminEmail: admin.email,
      action: "revoke",
      targetType: "consent",
      targetId: input.consentId,
      outcome,
      detail,
    });
  const consent = await findConsentById(input.consentId);
  if (!consent) return { kind: "refused", code: "no_such_mandate", reason: "No such mandate." };
  if (consent.status === "revoked") {
    await audit("succeeded", `already revoked; reason given: ${input.reason}`);
    return { kind: "already_revoked" };
  }
  if (consent.status !== "active" || !consent.paymentMethodId) {
    const reason = `Only an active mandate can be revoked (this one is ${consent.status}).`;
    await audit("refused", reason);
    return { kind: "refused", code: "not_revocable", reason };
  }
  try {
    await revokeThroughStripe(
      { id: consent.id, paymentMethodId: consent.paymentMethodId },
      { source: "admin", reason: `${input.reason} (revoked by ${admin.email})`, notice: input.reason },
    );
  } catch (error) {
    return { kind: "unavailable", reason: describeStripeError(error).message };
  }
  await audit("succeeded", input.reason);
  return { kind: "revoked" };
}
