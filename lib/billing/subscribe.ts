import type Stripe from "stripe";
import { findConsentById } from "@/lib/db/consents";
import { findSubscriptionByConsent, saveSubscription, snapshotOf } from "@/lib/db/subscriptions";
import { stripe } from "@/lib/stripe/server";
import type { ErrorCode } from "@/lib/i18n/error-message";
import { describeStripeError } from "@/lib/stripe/errors";
import { advanceFirstPayment, type FirstPaymentState } from "./first-payment";
import { offerParams } from "./offer-params";
import { oneActionAtATime } from "./one-action-at-a-time";
import { claimSubscriptionSlot, REFUSAL_MESSAGES } from "./plan-guard";
import { syncInvoice } from "./sync-subscription";

export type SubscribeOutcome =
  | { kind: "subscription"; subscriptionId: string; status: string; payment: FirstPaymentState }
  | { kind: "not_ready"; reason: "consent_not_active" | "not_a_subscription" }
  | { kind: "error"; code: ErrorCode; message: string };

const EXPAND = ["latest_invoice", "items.data.price"];

/**
 * Seeds 002/004, second call: once the wallet's mandate is active, create the
 * subscription charging it off-session, then move the first payment forward.
 * Keyed by the consent, so reloads and races create one subscription.
 */
export async function subscribeWithConsent(
  consentId: string,
  options: { attemptKey?: string; retry?: boolean } = {},
): Promise<SubscribeOutcome> {
  const consent = await findConsentById(consentId);
  if (!consent || consent.purpose !== "subscription" || !consent.priceId)
    return { kind: "not_ready", reason: "not_a_subscription" };
  const existing = await findSubscriptionByConsent(consent.id);
  if (!existing && (consent.status !== "active" || !consent.paymentMethodId))
    return { kind: "not_ready", reason: "consent_not_active" };
  if (!existing) {
    // The database decides, not timing: another consent holding this plan means no second subscription.
    const slot = await claimSubscriptionSlot(consent, "subscribe");
    if (!slot.ok) return { kind: "error", code: slot.code, message: REFUSAL_MESSAGES[slot.code] };
    return createOrAdvance(consent, null, options);
  }
  // A retry of the first payment is a change like a cancel: one at a time per subscription.
  const outcome = await oneActionAtATime(existing.id, () => createOrAdvance(consent, existing, options));
  return outcome.held
    ? outcome.value
    : { kind: "error", code: "subscription_busy", message: "Another change to this subscription is in progress." };
}

async function createOrAdvance(
  consent: NonNullable<Awaited<ReturnType<typeof findConsentById>>>,
  existing: Awaited<ReturnType<typeof findSubscriptionByConsent>>,
  options: { attemptKey?: string; retry?: boolean },
): Promise<SubscribeOutcome> {
  try {
    const subscription: Stripe.Subscription = existing
      ? await stripe().subscriptions.retrieve(existing.stripeSubscriptionId, { expand: EXPAND })
      : await stripe().subscriptions.create(
          {
            customer: consent.customer.stripeCustomerId!,
            items: [{ price: consent.priceId! }],
            default_payment_method: consent.paymentMethodId!,
            off_session: true,
            payment_behavior: "allow_incomplete",
            payment_settings: { payment_method_types: [consent.paymentMethodType as "amazon_pay" | "kakao_pay"] },
            ...offerParams(consent.offer),
            metadata: { consent_id: consent.id, app_customer_id: consent.customerId },
            expand: EXPAND,
          },
          { idempotencyKey: `subscription-create:${consent.id}` },
        );
    const row = await saveSubscription(
      { customerId: consent.customerId, consentId: consent.id },
      snapshotOf(subscription),
    );
    const firstIntent = row.latestInvoiceId ? await syncInvoice(row.id, row.latestInvoiceId) : null;
    if (!consent.paymentMethodId)
      return {
        kind: "subscription",
        subscriptionId: row.id,
        status: row.status,
        payment: { kind: "failed", reason: "The wallet was revoked." },
      };

    const payment = await advanceFirstPayment({
      subscription,
      intent: firstIntent,
      paymentMethodId: consent.paymentMethodId,
      returnPath: `/subscribe/payment-return?subscription=${encodeURIComponent(row.id)}`,
      attemptKey: options.attemptKey ?? consent.id,
      retry: options.retry ?? false,
    });
    return { kind: "subscription", subscriptionId: row.id, status: row.status, payment };
  } catch (error) {
    const { code, message } = describeStripeError(error);
    return { kind: "error", code, message };
  }
}
