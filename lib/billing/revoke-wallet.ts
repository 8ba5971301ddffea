import { revokeThroughStripe } from "@/lib/consents/revocation";
import { findConsentById } from "@/lib/db/consents";
import { subscriptionsPaidBy } from "@/lib/db/subscriptions";
import { cancelSubscription } from "./cancel-subscription";
import { describeStripeError } from "@/lib/stripe/errors";

export type RevokeResult =
  { ok: true } | { ok: false; error: string; busy?: true } | { ok: false; paysSubscriptions: true };

/**
 * The customer withdraws the mandate: the wallet is detached in Stripe (which
 * ends the mandate and sends payment_method.detached / mandate.updated) and the
 * record says revoked, with when and why. Nothing is deleted.
 */
export async function revokeWallet(
  customerId: string,
  consentId: string,
  options: { cancelSubscriptions?: boolean } = {},
): Promise<RevokeResult> {
  const consent = await findConsentById(consentId);
  if (!consent || consent.customerId !== customerId) return { ok: false, error: "This authorisation is not yours." };
  if (consent.status === "revoked") return { ok: true };
  if (consent.status !== "active" || !consent.paymentMethodId)
    return { ok: false, error: "Only an active authorisation can be revoked." };
  // A method that pays a live subscription is only revoked once the customer chose what becomes of it.
  const pays = await subscriptionsPaidBy(consent.id);
  if (pays.length > 0 && !options.cancelSubscriptions) return { ok: false, paysSubscriptions: true };
  for (const subscription of pays) {
    const canceled = await cancelSubscription(customerId, subscription.id, "period_end");
    if (!canceled.ok) return canceled;
  }
  try {
    await revokeThroughStripe(
      { id: consent.id, paymentMethodId: consent.paymentMethodId },
      { source: "account", reason: "revoked by the customer" },
    );
  } catch (error) {
    return { ok: false, error: describeStripeError(error).message };
  }
  return { ok: true };
}
