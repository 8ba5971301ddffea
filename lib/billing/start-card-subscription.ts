import Stripe from "stripe";
import { findOrCreateCustomer } from "@/lib/db/customers";
import {
  consentEvidence,
  createPendingConsent,
  recordCardDetails,
  recordSetupIntent,
  transitionConsent,
} from "@/lib/db/consents";
import { saveSubscription, snapshotOf } from "@/lib/db/subscriptions";
import { firstChargeDate, type OfferId } from "@/lib/catalogue/offers";
import { formatDate } from "@/lib/i18n/dates";
import { takeConsentAttempt } from "@/lib/rate-limit/limiters";
import type { ErrorCode } from "@/lib/i18n/error-message";
import type { Locale } from "@/lib/i18n/locales";
import type { RequestContext } from "@/lib/http/request-context";
import { CURRENT_TERMS_VERSION, renderTerms } from "@/lib/mandate/terms";
import { stripe } from "@/lib/stripe/server";
import { describeStripeError } from "@/lib/stripe/errors";
import { claimTrialCard } from "@/lib/db/plan-claims";
import { offerParams } from "./offer-params";
import { claimSubscriptionSlot, refuseConsent, REFUSAL_MESSAGES } from "./plan-guard";
import { ensureStripeCustomer } from "./stripe-customer";
import { syncInvoice } from "./sync-subscription";

export interface StartCardSubscriptionInput {
  submissionId: string;
  email: string;
  locale: Locale;
  termsVersion: string;
  plan: { priceId: string; amountLabel: string };
  offer: OfferId;
  /** Created in the browser by Stripe.js from the card element; the card number never reaches us. */
  paymentMethodId: string;
}

export type PendingSetup = { status: Stripe.SetupIntent.Status; clientSecret: string } | null;

export type StartCardSubscriptionResult =
  | { ok: true; customerId: string; subscriptionId: string; status: string; pendingSetup: PendingSetup }
  | { ok: false; customerId?: string; error: string; code: ErrorCode };

/**
 * Seed 003: a subscription whose first invoice needs no payment (a trial or a
 * free first month) is created on the card now; Stripe's pending SetupIntent
 * authenticates and authorises the card for the later off-session charge, and
 * whatever it could not finish is handed to the browser.
 */
export async function startCardSubscription(
  input: StartCardSubscriptionInput,
  request: RequestContext,
): Promise<StartCardSubscriptionResult> {
  // Before anything is written or sent to Stripe: a refused burst creates nothing.
  if (!(await takeConsentAttempt(input.email, request.ipAddress)).ok) {
    return {
      ok: false,
      code: "rate_limited",
      error: "Too many checkout submissions from this address or for this email.",
    };
  }
  if (input.termsVersion !== CURRENT_TERMS_VERSION.deferred_subscription) {
    return {
      ok: false,
      code: "terms_changed",
      error: "The terms have changed since the page was loaded. Please read them again.",
    };
  }
  const acceptedAt = new Date();
  const terms = renderTerms({
    purpose: "deferred_subscription",
    locale: input.locale,
    wallet: "card",
    amount: input.plan.amountLabel,
    firstCharge: formatDate(firstChargeDate(input.offer, acceptedAt), input.locale),
  });
  const customer = await findOrCreateCustomer(input.email, input.locale);
  const { consent } = await createPendingConsent({
    submissionId: input.submissionId,
    customerId: customer.id,
    paymentMethodType: "card",
    purpose: "subscription",
    priceId: input.plan.priceId,
    offer: input.offer,
    ...consentEvidence(terms, acceptedAt, request),
  });
  if (consent.customerId !== customer.id || consent.paymentMethodType !== "card") {
    return {
      ok: false,
      customerId: customer.id,
      code: "form_conflict",
      error: "This form was already submitted with other details. Please reload the page.",
    };
  }
  if (consent.status === "failed") {
    return {
      ok: false,
      customerId: customer.id,
      code: "card",
      error: consent.statusReason ?? "This card could not be used. Try another card.",
    };
  }

  const slot = await claimSubscriptionSlot(consent, "card_subscribe");
  if (!slot.ok) return { ok: false, customerId: customer.id, code: slot.code, error: REFUSAL_MESSAGES[slot.code] };

  try {
    const linked = await ensureStripeCustomer(customer);
    const key = (step: string) => ({ idempotencyKey: `${step}:${consent.id}` });
    // Attach returns the id to use from here on (a test shortcut like pm_card_visa becomes a new pm_…).
    const card = await stripe().paymentMethods.attach(
      input.paymentMethodId,
      { customer: linked.stripeCustomerId },
      key("card-attach"),
    );
    // One trial per card, whoever holds it: Stripe's fingerprint is the same for the same card number.
    // TRIAL_ONCE_PER_CARD=0 turns this off (test suites that reuse Stripe's test cards across customers).
    const fingerprint = process.env.TRIAL_ONCE_PER_CARD === "0" ? null : card.card?.fingerprint;
    const cardSlot = fingerprint ? await claimTrialCard(consent.id, fingerprint) : ({ ok: true } as const);
    if (!cardSlot.ok) {
      await refuseConsent(consent.id, cardSlot.code, "card_subscribe");
      return { ok: false, customerId: customer.id, code: cardSlot.code, error: REFUSAL_MESSAGES[cardSlot.code] };
    }
    await recordCardDetails(consent.id, card.card);
    await stripe().customers.update(
      linked.stripeCustomerId,
      { invoice_settings: { default_payment_method: card.id } },
      key("customer-default-card"),
    );
    const subscription = await stripe().subscriptions.create(
      {
        customer: linked.stripeCustomerId,
        items: [{ price: input.plan.priceId }],
        default_payment_method: card.id,
        payment_settings: { payment_method_types: ["card"], save_default_payment_method: "on_subscription" },
        ...offerParams(input.offer),
        metadata: { consent_id: consent.id, app_customer_id: customer.id },
        expand: ["pending_setup_intent", "latest_invoice", "items.data.price"],
      },
      key("subscription-create"),
    );
    const row = await saveSubscription({ customerId: customer.id, consentId: consent.id }, snapshotOf(subscription));
    if (row.latestInvoiceId) await syncInvoice(row.id, row.latestInvoiceId);

    const pending = subscription.pending_setup_intent as Stripe.SetupIntent | null;
    if (pending) {
      await recordSetupIntent(consent.id, pending.id);
    } else {
      await transitionConsent(consent.id, { to: "active", source: "card_subscribe", paymentMethodId: card.id });
    }
    return {
      ok: true,
      customerId: customer.id,
      subscriptionId: row.id,
      status: subscription.status,
      pendingSetup:
        pending && pending.client_secret ? { status: pending.status, clientSecret: pending.client_secret } : null,
    };
  } catch (error) {
    const described = describeStripeError(error);
    if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError) {
      await transitionConsent(consent.id, { to: "failed", reason: described.message, source: "card_subscribe" });
    }
    return { ok: false, customerId: customer.id, code: described.code, error: described.message };
  }
}
