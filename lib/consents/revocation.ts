import Stripe from "stripe";
import {
  findConsentById,
  noteRevocationRequested,
  requestedRevocation,
  transitionConsent,
  type RevocationRequest,
} from "@/lib/db/consents";
import { kickOutbox } from "@/lib/mail/outbox";
import { queueMandateRevoked } from "@/lib/mail/notices";
import { stripe } from "@/lib/stripe/server";

/**
 * Records a revocation, whoever gets there first: the request that detached
 * the wallet, or the detach's webhook applied in between. Both read the request
 * noted before the detach, so the history names who revoked and why, and the
 * customer is told (once, in the same transaction) when the request says so.
 */
export async function recordRevocation(
  consentId: string,
  request: Omit<RevocationRequest, "source"> & { source: string },
  stripeEventId?: string,
): Promise<boolean> {
  const { notice } = request;
  const changed = await transitionConsent(consentId, {
    to: "revoked",
    reason: request.reason,
    source: request.source,
    stripeEventId: stripeEventId ?? null,
    onChanged: notice === undefined ? undefined : (tx, revoked) => queueMandateRevoked(tx, revoked, notice),
  });
  if (changed && notice !== undefined) kickOutbox();
  return changed;
}

/**
 * A revocation observed in Stripe (a webhook, or a mandate found inactive): if
 * it was asked for here (by the customer or an admin) and the observation got
 * there first, it is recorded as theirs; otherwise it happened elsewhere (e.g.
 * in the Dashboard) and the observer is the source.
 */
export async function recordObservedRevocation(
  consentId: string,
  reason: string,
  origin: { source: string; stripeEventId?: string },
): Promise<void> {
  const consent = await findConsentById(consentId);
  if (!consent) return;
  const request = requestedRevocation(consent.statusReason) ?? { source: origin.source, reason };
  await recordRevocation(consentId, request, origin.stripeEventId);
}

/**
 * Ends a mandate in Stripe by detaching its payment method, then records it.
 * Already detached (e.g. in the Dashboard) counts as done: the mandate is over
 * either way. Any other failure is thrown for the caller to word.
 */
export async function revokeThroughStripe(
  consent: { id: string; paymentMethodId: string },
  request: RevocationRequest,
): Promise<void> {
  await noteRevocationRequested(consent.id, request);
  try {
    await stripe().paymentMethods.detach(
      consent.paymentMethodId,
      {},
      { idempotencyKey: `payment-method-detach:${consent.paymentMethodId}` },
    );
  } catch (error) {
    const alreadyGone = error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400;
    if (!alreadyGone) throw error;
  }
  await recordRevocation(consent.id, request);
}
