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
import { ensureStripeCustomer } from "./stripe-customer";
import Stripe from "stripe";
import { firstChargeDate, type OfferId } from "@/lib/catalogue/offers";
import { formatDate } from "@/lib/i18n/dates";

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

/**
 * Seeds 000/002/004: customer → consent record (before anything leaves the
 * server) → SetupIntent confirmed with the mandate's evidence → redirect.
 */
export async function startWalletSetup(
  input: StartWalletSetupInput,
  request: RequestContext,
): Promise<StartWalletSetupResult> {
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

  try {
    const linked = await ensureStripeCustomer(customer);
    const intent = await createWalletSetupIntent(consent, linked.stripeCustomerId, returnUrl);
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

/**
 * The SetupIntent for a wallet consent: confirmed at once with the consent's
 * evidence as the mandate's acceptance. Keyed by the consent, so a repeated
 * submit gets the same SetupIntent back, never a second one.
 */
export async function createWalletSetupIntent(
  consent: {
    id: string;
    customerId: string;
    paymentMethodType: string;
    acceptedAt: Date;
    ipAddress: string;
    userAgent: string;
  },
  stripeCustomerId: string,
  returnUrl: string,
) {
  const wallet = consent.paymentMethodType as Wallet;
  return stripe().setupIntents.create(
    {
      customer: stripeCustomerId,
      confirm: true,
      usage: "off_session",
      allowed_payment_method_types: [wallet],
      payment_method_data: { type: wallet },
      mandate_data: {
        customer_acceptance: {
          type: "online",
          accepted_at: Math.floor(consent.acceptedAt.getTime() / 1000),
          online: { ip_address: consent.ipAddress, user_agent: consent.userAgent },
        },
      },
      return_url: returnUrl,
      metadata: { consent_id: consent.id, app_customer_id: consent.customerId },
    },
    { idempotencyKey: `setup-intent-create:${consent.id}` },
  );
}
