import { sameSecret } from "@/lib/http/same-secret";
import { findConsentById } from "@/lib/db/consents";
import { applySetupIntent } from "@/lib/consents/sync";
import { walletRedirectUrl } from "@/lib/stripe/next-action";
import { stripe } from "@/lib/stripe/server";
import { describeStripeError, type FailureCode } from "@/lib/stripe/errors";
import type { ConsentStatus } from "@/lib/consents/status";

export interface WalletReturnParams {
  consentId: string;
  setupIntentId: string;
  clientSecret: string;
}

export type WalletReturnView =
  | {
      kind: "record";
      status: ConsentStatus;
      consentId: string;
      customerId: string;
      wallet: string;
      email: string;
      reason: string | null;
      paymentMethodId: string | null;
      mandateId: string | null;
      /** Where to send the customer to finish an authorization they left half-way. */
      resumeUrl: string | null;
    }
  | { kind: "refused"; reason: "unknown" | "mismatch" | "other_session" }
  | { kind: "unavailable"; code: FailureCode; message: string };

/**
 * The wallet's return_url. Nothing in the query string is trusted: the consent
 * must name this SetupIntent, the SetupIntent is re-read from Stripe, it must
 * belong to the consent's customer, and the browser must hold its client secret.
 */
export async function completeWalletSetup(
  params: WalletReturnParams,
  sessionCustomerId: string | null,
): Promise<WalletReturnView> {
  const consent = await findConsentById(params.consentId);
  if (!consent) return { kind: "refused", reason: "unknown" };
  if (consent.setupIntentId !== params.setupIntentId) return { kind: "refused", reason: "mismatch" };
  if (sessionCustomerId && sessionCustomerId !== consent.customerId)
    return { kind: "refused", reason: "other_session" };

  let intent;
  try {
    intent = await stripe().setupIntents.retrieve(params.setupIntentId);
  } catch (error) {
    const { code, message } = describeStripeError(error);
    return { kind: "unavailable", code, message };
  }
  const customerMatches = intent.customer === consent.customer.stripeCustomerId;
  if (!customerMatches || !sameSecret(intent.client_secret, params.clientSecret)) {
    return { kind: "refused", reason: "mismatch" };
  }
  await applySetupIntent(consent.id, intent, { source: "return_page" });

  const updated = (await findConsentById(consent.id))!;
  return {
    kind: "record",
    status: updated.status as ConsentStatus,
    consentId: updated.id,
    customerId: updated.customerId,
    wallet: updated.paymentMethodType,
    email: updated.customer.email,
    reason: updated.statusReason,
    paymentMethodId: updated.paymentMethodId,
    mandateId: updated.mandateId,
    resumeUrl: walletRedirectUrl(intent),
  };
}
