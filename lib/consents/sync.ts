import type Stripe from "stripe";
import { stripe } from "@/lib/stripe/server";
import { transitionConsent } from "@/lib/db/consents";
import { recordObservedRevocation } from "./revocation";
import { outcomeOfSetupIntent } from "./status";

export interface SyncOrigin {
  source: string;
  stripeEventId?: string;
}

/**
 * Converges a consent record on what Stripe says about its SetupIntent now.
 * Safe to call any number of times from the return page and from webhooks, in
 * any order: callers pass a freshly retrieved intent, never a stale copy.
 */
export async function applySetupIntent(
  consentId: string,
  intent: Stripe.SetupIntent,
  origin: SyncOrigin,
): Promise<void> {
  const outcome = outcomeOfSetupIntent(intent);
  await transitionConsent(consentId, { ...outcome, to: outcome.status, ...origin });

  // A detach can be processed before the success it follows; the mandate tells the truth.
  if (outcome.status === "active" && outcome.mandateId) {
    const mandate = await stripe().mandates.retrieve(outcome.mandateId);
    if (mandate.status === "inactive") {
      await recordObservedRevocation(consentId, "mandate inactive", origin);
    }
  }
}

export async function syncConsentWithSetupIntent(consentId: string, setupIntentId: string, origin: SyncOrigin) {
  const intent = await stripe().setupIntents.retrieve(setupIntentId);
  await applySetupIntent(consentId, intent, origin);
  return intent;
}
