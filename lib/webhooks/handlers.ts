import type Stripe from "stripe";
import {
  findConsentById,
  findConsentBySetupIntent,
  findConsentsByMandate,
  findConsentsByPaymentMethod,
  transitionConsent,
} from "@/lib/db/consents";
import { syncConsentWithSetupIntent } from "@/lib/consents/sync";
import { stripe } from "@/lib/stripe/server";
import { findSubscriptionByStripeId, saveSubscription, snapshotOf } from "@/lib/db/subscriptions";

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
    await transitionConsent(consent.id, {
      to: "revoked",
      reason: "payment method detached",
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
    await transitionConsent(consent.id, { to: "revoked", reason: "mandate inactive", source: "webhook", stripeEventId: event.id });
  }
};

/** Subscription and invoice events: re-read the subscription and store what it is now. */
async function syncSubscription(subscriptionId: string | null | undefined) {
  if (!subscriptionId) return;
  const subscription = await stripe().subscriptions.retrieve(subscriptionId, { expand: ["items.data.price"] });
  const row = await findSubscriptionByStripeId(subscription.id);
  const consentId = row?.consentId ?? subscription.metadata.consent_id;
  const consent = consentId ? await findConsentById(consentId) : null;
  if (!consent) return; // not created by this app
  await saveSubscription({ customerId: consent.customerId, consentId: consent.id }, snapshotOf(subscription));
}

const onSubscriptionEvent: EventHandler = (event) => syncSubscription((event.data.object as Stripe.Subscription).id);

const onInvoiceEvent: EventHandler = (event) => {
  const invoice = event.data.object as Stripe.Invoice;
  const subscription = invoice.parent?.subscription_details?.subscription;
  return syncSubscription(typeof subscription === "string" ? subscription : subscription?.id);
};

export const HANDLERS: Partial<Record<Stripe.Event.Type, EventHandler>> = {
  "setup_intent.succeeded": onSetupIntentEvent,
  "setup_intent.setup_failed": onSetupIntentEvent,
  "setup_intent.requires_action": onSetupIntentEvent,
  "setup_intent.canceled": onSetupIntentEvent,
  "payment_method.detached": onPaymentMethodDetached,
  "mandate.updated": onMandateUpdated,
  "customer.subscription.created": onSubscriptionEvent,
  "customer.subscription.updated": onSubscriptionEvent,
  "customer.subscription.deleted": onSubscriptionEvent,
  "invoice.paid": onInvoiceEvent,
  "invoice.payment_failed": onInvoiceEvent,
};
