import Stripe from "stripe";
import type { ErrorCode } from "@/lib/i18n/error-message";
import type { Locale } from "@/lib/i18n/locales";
import type { RequestContext } from "@/lib/http/request-context";
import { formatMoney } from "@/lib/catalogue/money";
import {
  consentEvidence,
  createPendingConsent,
  findConsentById,
  recordCardDetails,
  recordSetupIntent,
  transitionConsent,
} from "@/lib/db/consents";
import { syncConsentWithSetupIntent } from "@/lib/consents/sync";
import { CURRENT_TERMS_VERSION, renderTerms } from "@/lib/mandate/terms";
import { describeStripeError } from "@/lib/stripe/errors";
import { failureCodeOf } from "@/lib/stripe/failure-reasons";
import { stripe } from "@/lib/stripe/server";
import { applyReplacement, cardPays, replaceableSubscription } from "./replace-method";
import { ensureStripeCustomer } from "./stripe-customer";

export interface StartCardReplacementInput {
  customerId: string;
  subscriptionId: string;
  submissionId: string;
  locale: Locale;
  termsVersion: string;
  /** Created in the browser by Stripe.js from the card element; the card number never reaches us. */
  paymentMethodId: string;
}

/** What the page does next: confirm the card's SetupIntent, authenticate the payment, or nothing. */
export type CardReplacementStep =
  | { ok: true; consentId: string; step: "confirm_setup" | "authenticate_payment"; clientSecret: string }
  | { ok: true; consentId: string; step: "done"; status: string; card: { brand: string; last4: string } | null }
  | { ok: false; code: ErrorCode | "not_yours"; error: string };

/**
 * A card for a subscription, from the fix page: the consent is recorded first,
 * then the card is attached and a SetupIntent for it is created (keyed by the
 * consent, so a double click or retry reuses both). Stripe.js confirms the
 * SetupIntent on the page, where 3D Secure can be shown.
 */
export async function startCardReplacement(
  input: StartCardReplacementInput,
  request: RequestContext,
): Promise<CardReplacementStep> {
  const row = await replaceableSubscription(input.customerId, input.subscriptionId);
  if (!row || !cardPays(row.currency))
    return { ok: false, code: "not_yours", error: "This subscription cannot be changed here." };
  if (input.termsVersion !== CURRENT_TERMS_VERSION.replace_method)
    return { ok: false, code: "terms_changed", error: "The terms have changed since the page was loaded." };
  const acceptedAt = new Date();
  const terms = renderTerms({
    purpose: "replace_method",
    locale: input.locale,
    wallet: "card",
    amount: formatMoney(row.unitAmount, row.currency, input.locale),
  });
  const { consent } = await createPendingConsent({
    submissionId: input.submissionId,
    customerId: row.customerId,
    paymentMethodType: "card",
    purpose: "replace_method",
    priceId: row.priceId,
    forSubscriptionId: row.id,
    ...consentEvidence(terms, acceptedAt, request),
  });
  if (
    consent.customerId !== row.customerId ||
    consent.forSubscriptionId !== row.id ||
    consent.paymentMethodType !== "card"
  )
    return { ok: false, code: "form_conflict", error: "This form was already submitted with other details." };
  if (consent.status === "failed") return { ok: false, code: "card", error: consent.statusReason ?? "card_declined" };
  if (consent.status !== "pending" || consent.setupIntentId)
    return continueCardReplacement(input.customerId, consent.id);

  const key = (step: string) => ({ idempotencyKey: `${step}:${consent.id}` });
  try {
    const linked = await ensureStripeCustomer(row.customer);
    const card = await stripe().paymentMethods.attach(
      input.paymentMethodId,
      { customer: linked.stripeCustomerId },
      key("card-attach"),
    );
    await recordCardDetails(consent.id, card.card);
    const intent = await stripe().setupIntents.create(
      {
        customer: linked.stripeCustomerId,
        payment_method: card.id,
        allowed_payment_method_types: ["card"],
        usage: "off_session",
        metadata: { consent_id: consent.id, app_customer_id: row.customerId },
      },
      key("setup-intent-create"),
    );
    await recordSetupIntent(consent.id, intent.id);
  } catch (error) {
    const described = describeStripeError(error);
    if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError)
      await transitionConsent(consent.id, { to: "failed", reason: described.message, source: "fix_card" });
    return { ok: false, code: described.code, error: described.message };
  }
  return continueCardReplacement(input.customerId, consent.id);
}

/**
 * After each browser step (or a reload): re-read the SetupIntent and record
 * it; once the card is set up it pays the subscription and the open invoice
 * (lib/billing/replace-method.ts). Stripe.js's answer is never trusted alone.
 */
export async function continueCardReplacement(
  customerId: string,
  consentId: string,
  /** The page has just shown the payment's 3D Secure: its outcome stands, the payment is not confirmed again. */
  paymentAuthenticated = false,
): Promise<CardReplacementStep> {
  const consent = await findConsentById(consentId);
  if (
    !consent ||
    consent.customerId !== customerId ||
    consent.purpose !== "replace_method" ||
    consent.paymentMethodType !== "card"
  )
    return { ok: false, code: "not_yours", error: "This payment method change is not yours." };
  try {
    if (consent.status === "pending" && consent.setupIntentId) {
      const intent = await syncConsentWithSetupIntent(consent.id, consent.setupIntentId, { source: "fix_card" });
      if (intent.status === "requires_payment_method")
        return { ok: false, code: "card", error: failureCodeOf(intent.last_setup_error) ?? "card_declined" };
      if (intent.status !== "succeeded") {
        if (!intent.client_secret) return { ok: false, code: "unexpected", error: "No client secret." };
        return { ok: true, consentId, step: "confirm_setup", clientSecret: intent.client_secret };
      }
    }
  } catch (error) {
    const described = describeStripeError(error);
    return { ok: false, code: described.code, error: described.message };
  }
  const outcome = await applyReplacement(consentId, { retry: !paymentAuthenticated });
  if (outcome.kind === "error") return { ok: false, code: outcome.code, error: outcome.message };
  if (outcome.kind === "not_ready") {
    const now = await findConsentById(consentId);
    return { ok: false, code: "card", error: now?.statusReason ?? "card_declined" };
  }
  const { payment } = outcome;
  if (payment.kind === "authenticate")
    return { ok: true, consentId, step: "authenticate_payment", clientSecret: payment.clientSecret };
  if (payment.kind === "failed") return { ok: false, code: "card", error: payment.reason };
  const card = consent.cardBrand && consent.cardLast4 ? { brand: consent.cardBrand, last4: consent.cardLast4 } : null;
  return { ok: true, consentId, step: "done", status: outcome.status, card };
}
