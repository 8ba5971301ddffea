import type { ErrorCode } from "@/lib/i18n/error-message";
import type { RequestContext } from "@/lib/http/request-context";
import { env } from "@/lib/env";
import { recordSetupIntent, transitionConsent } from "@/lib/db/consents";
import { walletRedirectUrl } from "@/lib/stripe/next-action";
import { stripe } from "@/lib/stripe/server";
import { describeStripeError } from "@/lib/stripe/errors";
import { claimSubscriptionSlot, REFUSAL_MESSAGES } from "./plan-guard";
import { ensureStripeCustomer } from "./stripe-customer";
import Stripe from "stripe";
import type { Wallet } from "@/lib/mandate/wallets";
import { recordWalletConsent, type ConsentInput } from "./record-consent";

export interface StartWalletSetupInput extends ConsentInput {
  /**
   * "server" (default): the server confirms with the request's evidence and
   * answers with the wallet's URL (seeds 002/004, and seed 000's manual
   * redirect for browsers without JavaScript). "browser": the SetupIntent is
   * created unconfirmed for Stripe.js's confirmAmazonPaySetup (seed 000).
   */
  confirm?: "server" | "browser";
}

export type StartWalletSetupResult =
  | {
      ok: true;
      customerId: string;
      consentId: string;
      next:
        | { redirectUrl: string; clientSecret: string }
        | { confirmInBrowser: { clientSecret: string; returnUrl: string } }
        | { returnUrl: string };
    }
  | { ok: false; customerId?: string; error: string; code: ErrorCode };

/**
 * Seeds 000/002/004: customer → consent record (before anything leaves the
 * server) → SetupIntent confirmed with the mandate's evidence → redirect; or,
 * for Stripe.js, the unconfirmed SetupIntent's client secret.
 */
export async function startWalletSetup(
  input: StartWalletSetupInput,
  request: RequestContext,
): Promise<StartWalletSetupResult> {
  const recorded = await recordWalletConsent(input, request);
  if (!recorded.ok) return recorded;
  const { customer, consent, purpose } = recorded;
  const returnPath = purpose === "subscription" ? "/subscribe/return" : "/save/return";
  const returnUrl = `${env().appUrl}${returnPath}?consent=${encodeURIComponent(consent.id)}`;
  if (consent.status !== "pending")
    return { ok: true, customerId: customer.id, consentId: consent.id, next: { returnUrl } };
  // One subscription per customer and plan (and one trial): a second tab is refused before Stripe is asked.
  const slot = await claimSubscriptionSlot(consent, "consent_form");
  if (!slot.ok) return { ok: false, customerId: customer.id, code: slot.code, error: REFUSAL_MESSAGES[slot.code] };

  try {
    const linked = await ensureStripeCustomer(customer);
    if (input.confirm === "browser") {
      // Seed 000: Stripe.js confirms with mandate_data infer_from_client, from the customer's own browser.
      const intent = await stripe().setupIntents.create(
        {
          customer: linked.stripeCustomerId,
          usage: "off_session",
          allowed_payment_method_types: [input.wallet],
          metadata: { consent_id: consent.id, app_customer_id: customer.id },
        },
        { idempotencyKey: `setup-intent-create:${consent.id}` },
      );
      await recordSetupIntent(consent.id, intent.id);
      return {
        ok: true,
        customerId: customer.id,
        consentId: consent.id,
        next: { confirmInBrowser: { clientSecret: intent.client_secret!, returnUrl } },
      };
    }
    // Keyed by the consent: a repeated submit gets the same SetupIntent back, never a second one.
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
