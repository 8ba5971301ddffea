import type Stripe from "stripe";
import {
  findConsentByCheckoutSession,
  findConsentBySetupIntent,
  findConsentsByMandate,
  findConsentsByPaymentMethod,
} from "@/lib/db/consents";
import { recordObservedRevocation } from "@/lib/consents/revocation";
import { syncConsentWithSetupIntent } from "@/lib/consents/sync";
import { idOf } from "@/lib/stripe/ids";
import { stripe } from "@/lib/stripe/server";
import {
  applyCheckoutSession,
  retrieveCheckoutSession,
  sessionMatchesConsent,
} from "@/lib/billing/complete-checkout-setup";
import { cancelLeftoverPendingSetup, syncSubscription } from "@/lib/billing/sync-subscription";
import { noticeTrialEnding } from "@/lib/mail/notices";

export type EventHandler = (event: Stripe.Event) => Promise<void>;

/** SetupIntent events: re-read the intent, because deliveries can arrive out of order. */
const onSetupIntentEvent: EventHandler = async (event) => {
  const intent = event.data.object as Stripe.SetupIntent;
  const consent = await findConsentBySetupIntent(intent.id);
  if (!consent) return; // not one of ours (e.g. created from the Dashboard)
  await syncConsentWithSetupIntent(consent.id, intent.id, { source: "webhook", stripeEventId: event.id });
};

/** Detaching the wallet ends the customer's authorisation: the record shows it revoked. */
const onPaymentMethodDetached: EventHandler = async (event) => {
  const paymentMethod = event.data.object as Stripe.PaymentMethod;
  for (const consent of await findConsentsByPaymentMethod(paymentMethod.id)) {
    await recordObservedRevocation(consent.id, "payment method detached", {
      source: "webhook",
      stripeEventId: event.id,
    });
  }
};

const onMandateUpdated: EventHandler = async (event) => {
  const mandateId = (event.data.object as Stripe.Mandate).id;
  const mandate = await stripe().mandates.retrieve(mandateId);
  if (mandate.status !== "inactive") return;
  for (const consent of await findConsentsByMandate(mandate.id)) {
    await recordObservedRevocation(consent.id, "mandate inactive", { source: "webhook", stripeEventId: event.id });
  }
};

/** Checkout (setup mode): re-read the session with its SetupIntent; the return page converges on the same record. */
const onCheckoutSessionEvent: EventHandler = async (event) => {
  const sessionId = (event.data.object as Stripe.Checkout.Session).id;
  const consent = await findConsentByCheckoutSession(sessionId);
  if (!consent) return; // not one of ours
  const session = await retrieveCheckoutSession(sessionId);
  if (!sessionMatchesConsent(session, consent)) {
    console.warn(`webhook ${event.id}: checkout session ${sessionId} does not match consent ${consent.id}`);
    return;
  }
  await applyCheckoutSession(consent, session, { source: "webhook", stripeEventId: event.id });
};

/** Subscription events: re-read and store; an ended subscription's pending SetupIntent is canceled. */
const onSubscriptionEvent: EventHandler = async (event) => {
  await syncSubscription((event.data.object as Stripe.Subscription).id);
};

const onSubscriptionDeleted: EventHandler = async (event) => {
  const synced = await syncSubscription((event.data.object as Stripe.Subscription).id);
  if (synced) await cancelLeftoverPendingSetup(synced.subscription);
};

/** Three days before a trial ends (Stripe's trial_will_end): store the subscription, remind the customer by email. */
const onTrialWillEnd: EventHandler = async (event) => {
  const subscription = event.data.object as Stripe.Subscription;
  const synced = await syncSubscription(subscription.id);
  if (synced && subscription.trial_end) await noticeTrialEnding(synced.row.id, new Date(subscription.trial_end * 1000));
};

/** Invoice events: the first payment and every renewal, recorded against the subscription. */
const onInvoiceEvent: EventHandler = async (event) => {
  const invoice = event.data.object as Stripe.Invoice;
  const id = idOf(invoice.parent?.subscription_details?.subscription);
  if (id) await syncSubscription(id, invoice.id);
};

export const HANDLERS: Partial<Record<Stripe.Event.Type, EventHandler>> = {
  "setup_intent.succeeded": onSetupIntentEvent,
  "setup_intent.setup_failed": onSetupIntentEvent,
  "setup_intent.requires_action": onSetupIntentEvent,
  "setup_intent.canceled": onSetupIntentEvent,
  "payment_method.detached": onPaymentMethodDetached,
  "checkout.session.completed": onCheckoutSessionEvent,
  "checkout.session.expired": onCheckoutSessionEvent,
  "mandate.updated": onMandateUpdated,
  "customer.subscription.created": onSubscriptionEvent,
  "customer.subscription.updated": onSubscriptionEvent,
  "customer.subscription.deleted": onSubscriptionDeleted,
  "customer.subscription.trial_will_end": onTrialWillEnd,
  "invoice.paid": onInvoiceEvent,
  "invoice.payment_failed": onInvoiceEvent,
  "invoice.finalized": onInvoiceEvent,
};

/**
 * Types whose handler only re-reads the event's object from Stripe and stores
 * it as it is now (no email, no evidence entry naming the event): several of
 * them in a row for one object need one run, whose re-read sees the newest state.
 */
export const REREAD_ONLY_TYPES: ReadonlySet<string> = new Set<Stripe.Event.Type>([
  "customer.subscription.created",
  "customer.subscription.updated",
  "invoice.paid",
  "invoice.payment_failed",
  "invoice.finalized",
]);
