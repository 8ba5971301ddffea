import { findConsentById, recordCardDetails } from "@/lib/db/consents";
import { findSubscriptionById } from "@/lib/db/subscriptions";
import { applySetupIntent } from "@/lib/consents/sync";
import { idOf } from "@/lib/stripe/ids";
import { stripe } from "@/lib/stripe/server";
import { syncSubscription } from "./sync-subscription";

export type FinishPendingResult =
  | { ok: true; status: string; pendingSetup: { status: string; clientSecret: string } | null }
  | { ok: false; error: string };

/**
 * After the browser confirmed the pending SetupIntent (authenticated the card,
 * or a new one): re-read it, and on success make its card the subscription's
 * and the customer's default, record the consent active, and store the result.
 */
export async function finishPendingSetup(customerId: string, subscriptionId: string): Promise<FinishPendingResult> {
  const row = await findSubscriptionById(subscriptionId);
  if (!row || row.customerId !== customerId) return { ok: false, error: "This subscription is not yours." };
  const consent = (await findConsentById(row.consentId))!;
  const setupIntentId = consent.setupIntentId;
  if (!setupIntentId) return { ok: true, status: row.status, pendingSetup: null };

  const intent = await stripe().setupIntents.retrieve(setupIntentId);
  await applySetupIntent(consent.id, intent, { source: "pending_setup" });
  const paymentMethod = idOf(intent.payment_method);
  if (intent.status === "succeeded" && paymentMethod) {
    // The card may be another than the one subscribed with (entered during recovery): its brand and last 4 follow.
    const card = await stripe().paymentMethods.retrieve(paymentMethod);
    await recordCardDetails(consent.id, card.card);
    await stripe().subscriptions.update(
      row.stripeSubscriptionId,
      { default_payment_method: paymentMethod },
      { idempotencyKey: `subscription-default-card:${intent.id}` },
    );
    await stripe().customers.update(
      consent.customer.stripeCustomerId!,
      { invoice_settings: { default_payment_method: paymentMethod } },
      { idempotencyKey: `customer-default-card:${intent.id}` },
    );
  }
  const synced = await syncSubscription(row.stripeSubscriptionId);
  const pending =
    intent.status === "succeeded" || !intent.client_secret
      ? null
      : { status: intent.status, clientSecret: intent.client_secret };
  return { ok: true, status: synced?.subscription.status ?? row.status, pendingSetup: pending };
}
