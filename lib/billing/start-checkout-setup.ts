import Stripe from "stripe";
import type { RequestContext } from "@/lib/http/request-context";
import { env } from "@/lib/env";
import { recordCheckoutSession, transitionConsent } from "@/lib/db/consents";
import { stripe } from "@/lib/stripe/server";
import { describeStripeError } from "@/lib/stripe/errors";
import { ensureStripeCustomer } from "./stripe-customer";
import { recordWalletConsent, type ConsentInput } from "./record-consent";
import type { StartWalletSetupResult } from "./start-wallet-setup";

/** Stripe puts the session's id where this template stands in success_url. */
const SESSION_ID = "{CHECKOUT_SESSION_ID}";

/** Where Checkout's "Back" returns: the same form, with the wallet and email kept. */
export function checkoutCancelUrl(email: string): string {
  const query = new URLSearchParams({ wallet: "amazon_pay", email, checkout: "canceled" });
  return `${env().appUrl}/save?${query}`;
}

/**
 * Seed 001: customer → consent record with the terms they ticked → a Checkout
 * Session in setup mode for Amazon Pay, keyed by the consent → its hosted page.
 */
export async function startCheckoutSetup(
  input: Omit<ConsentInput, "plan">,
  request: RequestContext,
): Promise<StartWalletSetupResult> {
  if (input.wallet !== "amazon_pay") {
    return { ok: false, code: "checkout_wallet", error: "Stripe Checkout is offered for Amazon Pay only." };
  }
  const recorded = await recordWalletConsent(input, request);
  if (!recorded.ok) return recorded;
  const { customer, consent } = recorded;
  const done = `${env().appUrl}/save/checkout-return?session_id=${SESSION_ID}`;
  if (consent.status !== "pending" && consent.checkoutSessionId) {
    return {
      ok: true,
      customerId: customer.id,
      consentId: consent.id,
      next: { returnUrl: done.replace(SESSION_ID, encodeURIComponent(consent.checkoutSessionId)) },
    };
  }
  try {
    const linked = await ensureStripeCustomer(customer);
    // Keyed by the consent: a double click or a retry gets the same session back.
    const session = await stripe().checkout.sessions.create(
      {
        mode: "setup",
        currency: "usd",
        customer: linked.stripeCustomerId,
        allowed_payment_method_types: ["amazon_pay"],
        success_url: done,
        cancel_url: checkoutCancelUrl(customer.email),
        client_reference_id: consent.id,
        metadata: { consent_id: consent.id, app_customer_id: customer.id },
        setup_intent_data: { metadata: { consent_id: consent.id, app_customer_id: customer.id } },
      },
      { idempotencyKey: `checkout-session-create:${consent.id}` },
    );
    await recordCheckoutSession(consent.id, session.id);
    if (!session.url) throw new Error(`Checkout Session ${session.id} has no url (status ${session.status})`);
    return { ok: true, customerId: customer.id, consentId: consent.id, next: { returnUrl: session.url } };
  } catch (error) {
    const described = describeStripeError(error);
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      await transitionConsent(consent.id, { to: "failed", reason: described.message, source: "consent_form" });
    }
    return { ok: false, customerId: customer.id, code: described.code, error: described.message };
  }
}
