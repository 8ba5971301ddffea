import type { ErrorCode } from "@/lib/i18n/error-message";
import type { Locale } from "@/lib/i18n/locales";
import type { RequestContext } from "@/lib/http/request-context";
import { env } from "@/lib/env";
import { findOrCreateCustomer } from "@/lib/db/customers";
import { consentEvidence, createPendingConsent, recordSetupIntent, transitionConsent } from "@/lib/db/consents";
import { renderTerms, CURRENT_TERMS_VERSION } from "@/lib/mandate/terms";
import type { Wallet } from "@/lib/mandate/wallets";
import { walletRedirectUrl } from "@/lib/stripe/next-action";
import { stripe } from "@/lib/stripe/server";
import { describeStripeError } from "@/lib/stripe/errors";
import { claimSubscriptionSlot, REFUSAL_MESSAGES } from "./plan-guard";
import { ensureStripeCustomer } from "./stripe-customer";
import Stripe from "stripe";
import { firstChargeDate, type OfferId } from "@/lib/catalogue/offers";
import { formatDate } from "@/lib/i18n/dates";
import { takeConsentAttempt } from "@/lib/rate-limit/limiters";

export interface StartWalletSetupInput {
  submissionId: string;
  email: string;
  wallet: Wallet;
  locale: Locale;
  termsVersion: string;
  /** Present when the wallet is saved to pay this plan (seeds 002/004); absent to save it for later (seed 000). */
  plan?: { priceId: string; amountLabel: string; offer?: OfferId | null };
}

export type StartWalletSetupResult =
  | {
      ok: true;
      customerId: string;
      consentId: string;
      next: { redirectUrl: string; clientSecret: string } | { returnUrl: string };
    }
  | { ok: false; customerId?: string; error: string; code: ErrorCode };

const RATE_LIMITED = {
  ok: false,
  code: "rate_limited",
  error: "Too many consent submissions from this address or for this email.",
} as const;

/**
 * Seeds 000/002/004: customer → consent record (before anything leaves the
 * server) → SetupIntent confirmed with the mandate's evidence → redirect.
 */
export async function startWalletSetup(
  input: StartWalletSetupInput,
  request: RequestContext,
): Promise<StartWalletSetupResult> {
  // Before anything is written or sent to Stripe: a refused burst creates nothing.
  if (!(await takeConsentAttempt(input.email, request.ipAddress)).ok) return RATE_LIMITED;
  const purpose = input.plan ? "subscription" : "save_wallet";
  const offer = input.plan?.offer ?? null;
  const termsPurpose = offer ? "deferred_subscription" : purpose;
  if (input.termsVersion !== CURRENT_TERMS_VERSION[termsPurpose]) {
    return {
      ok: false,
      code: "terms_changed",
      error: "The terms have changed since the page was loaded. Please read them again.",
    };
  }
  const acceptedAt = new Date();
  const terms = renderTerms({
    purpose: termsPurpose,
    locale: input.locale,
    wallet: input.wallet,
    amount: input.plan?.amountLabel,
    firstCharge: offer ? formatDate(firstChargeDate(offer, acceptedAt), input.locale) : undefined,
  });
  const customer = await findOrCreateCustomer(input.email, input.locale);

  const { consent } = await createPendingConsent({
    submissionId: input.submissionId,
    customerId: customer.id,
    paymentMethodType: input.wallet,
    purpose,
    priceId: input.plan?.priceId ?? null,
    offer,
    ...consentEvidence(terms, acceptedAt, request),
  });
  if (consent.customerId !== customer.id || consent.paymentMethodType !== input.wallet || consent.purpose !== purpose) {
    return {
      ok: false,
      code: "form_conflict",
      error: "This form was already submitted with other details. Please reload the page.",
    };
  }
  const returnPath = purpose === "subscription" ? "/subscribe/return" : "/save/return";
  const returnUrl = `${env().appUrl}${returnPath}?consent=${encodeURIComponent(consent.id)}`;
  if (consent.status !== "pending")
    return { ok: true, customerId: customer.id, consentId: consent.id, next: { returnUrl } };
  // One subscription per customer and plan (and one trial): a second tab is refused before Stripe is asked.
  const slot = await claimSubscriptionSlot(consent, "consent_form");
  if (!slot.ok) return { ok: false, customerId: customer.id, code: slot.code, error: REFUSAL_MESSAGES[slot.code] };

  try {
    const linked = await ensureStripeCustomer(customer);
    // Keyed by the consent: a repeated submit gets the same SetupIntent back, never a second one.
    const intent = await stripe().setupIntents.create(
      {
        customer: linked.stripeCustomerId,
        confirm: true,
        usage: "off_session",
        allowed_payment_method_types: [input.wallet],
        payment_method_data: { type: input.wallet },
        mandate_data: {
          customer_acceptance: {
            type: "online",
            accepted_at: Math.floor(consent.acceptedAt.getTime() / 1000),
            online: { ip_address: consent.ipAddress, user_agent: consent.userAgent },
          },
        },
        return_url: returnUrl,
        metadata: { consent_id: consent.id, app_customer_id: customer.id },
      },
      { idempotencyKey: `setup-intent-create:${consent.id}` },
    );
    await recordSetupIntent(consent.id, intent.id);
    const redirectUrl = walletRedirectUrl(intent);
    if (redirectUrl && intent.client_secret) {
      return {
        ok: true,
        customerId: customer.id,
        consentId: consent.id,
        next: { redirectUrl, clientSecret: intent.client_secret },
      };
    }
    return { ok: true, customerId: customer.id, consentId: consent.id, next: { returnUrl } };
  } catch (error) {
    const described = describeStripeError(error);
    // A definite refusal ends this attempt; an unanswered call stays pending so a retry reuses its key.
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      await transitionConsent(consent.id, { to: "failed", reason: described.message, source: "consent_form" });
    }
    return { ok: false, customerId: customer.id, code: described.code, error: described.message };
  }
}
