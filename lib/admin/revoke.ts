import Stripe from "stripe";
import type { AdminIdentity } from "@/lib/auth/guard";
import { appendAudit } from "@/lib/db/admin-audit";
import { findConsentById, noteRevocationRequested, transitionConsent } from "@/lib/db/consents";
import { kickOutbox } from "@/lib/mail/outbox";
import { queueMandateRevoked } from "@/lib/mail/notices";
import { describeStripeError } from "@/lib/stripe/errors";
import { stripe } from "@/lib/stripe/server";

export type AdminRevokeResult =
  | { kind: "revoked" | "already_revoked" }
  | { kind: "refused"; reason: string }
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
  if (!consent) return { kind: "refused", reason: "No such mandate." };
  if (consent.status === "revoked") {
    await audit("succeeded", `already revoked; reason given: ${input.reason}`);
    return { kind: "already_revoked" };
  }
  if (consent.status !== "active" || !consent.paymentMethodId) {
    const reason = `Only an active mandate can be revoked (this one is ${consent.status}).`;
    await audit("refused", reason);
    return { kind: "refused", reason };
  }
  const reason = `${input.reason} (revoked by ${admin.email})`;
  await noteRevocationRequested(consent.id, reason);
  try {
    await stripe().paymentMethods.detach(
      consent.paymentMethodId,
      {},
      { idempotencyKey: `payment-method-detach:${consent.paymentMethodId}` },
    );
  } catch (error) {
    // Already detached (e.g. in the Dashboard): the mandate is over either way.
    const alreadyGone = error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400;
    if (!alreadyGone) return { kind: "unavailable", reason: describeStripeError(error).message };
  }
  const changed = await transitionConsent(consent.id, {
    to: "revoked",
    reason,
    source: "admin",
    onChanged: (tx, revoked) => queueMandateRevoked(tx, revoked, input.reason),
  });
  if (changed) kickOutbox();
  await audit("succeeded", input.reason);
  // Detached by this action: revoked by it, even when the detach's webhook recorded it a moment earlier.
  return { kind: "revoked" };
}
