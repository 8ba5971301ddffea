import type Stripe from "stripe";
import { findConsentByCheckoutSession, findConsentById, recordSetupIntent, transitionConsent } from "@/lib/db/consents";
import { applySetupIntent, type SyncOrigin } from "@/lib/consents/sync";
import type { ConsentStatus } from "@/lib/consents/status";
import { idOf } from "@/lib/stripe/ids";
import { stripe } from "@/lib/stripe/server";
import { describeStripeError } from "@/lib/stripe/errors";
import type { WalletReturnView } from "./complete-wallet-setup";

type Consent = NonNullable<Awaited<ReturnType<typeof findConsentByCheckoutSession>>>;

/** The session, re-read from Stripe with its SetupIntent. */
export function retrieveCheckoutSession(sessionId: string): Promise<Stripe.Checkout.Session> {
  return stripe().checkout.sessions.retrieve(sessionId, { expand: ["setup_intent"] });
}

/** The session is the one this consent created: same customer, our consent as its reference. */
export function sessionMatchesConsent(session: Stripe.Checkout.Session, consent: Consent): boolean {
  return (
    session.mode === "setup" &&
    session.client_reference_id === consent.id &&
    idOf(session.customer) === consent.customer.stripeCustomerId
  );
}

/**
 * Converges the consent on the session as Stripe reports it now: complete →
 * the SetupIntent, PaymentMethod and Mandate are recorded (active); expired →
 * the consent expired; open → still pending. The return page and the
 * checkout.session.* webhooks both call it, in either order.
 */
export async function applyCheckoutSession(
  consent: Consent,
  session: Stripe.Checkout.Session,
  origin: SyncOrigin,
): Promise<void> {
  if (session.status === "complete") {
    const intent = session.setup_intent;
    if (!intent || typeof intent === "string") throw new Error(`session ${session.id}: setup_intent not expanded`);
    await recordSetupIntent(consent.id, intent.id);
    await applySetupIntent(consent.id, intent, origin);
  } else if (session.status === "expired") {
    await transitionConsent(consent.id, { to: "expired", reason: "checkout session expired", ...origin });
  }
}

/**
 * Checkout's success_url. The session id in the query proves nothing: the
 * consent it belongs to must be this signed-in customer's, and the session,
 * re-read from Stripe, must be that consent's.
 */
export async function completeCheckoutSetup(
  sessionId: string,
  sessionCustomerId: string | null,
): Promise<WalletReturnView> {
  const consent = await findConsentByCheckoutSession(sessionId);
  if (!consent) return { kind: "refused", reason: "unknown" };
  if (sessionCustomerId !== consent.customerId) return { kind: "refused", reason: "other_session" };

  let session;
  try {
    session = await retrieveCheckoutSession(sessionId);
  } catch (error) {
    const { code, message } = describeStripeError(error);
    return { kind: "unavailable", code, message };
  }
  if (!sessionMatchesConsent(session, consent)) return { kind: "refused", reason: "mismatch" };
  await applyCheckoutSession(consent, session, { source: "return_page" });

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
    resumeUrl: session.status === "open" ? session.url : null,
  };
}
