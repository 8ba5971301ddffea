import Stripe from "stripe";
import type { ErrorCode } from "@/lib/i18n/error-message";
import type { Locale } from "@/lib/i18n/locales";
import type { RequestContext } from "@/lib/http/request-context";
import { formatMoney } from "@/lib/catalogue/money";
import { PLANS } from "@/lib/catalogue/plans";
import { env } from "@/lib/env";
import {
  consentEvidence,
  createPendingConsent,
  findConsentById,
  recordSetupIntent,
  transitionConsent,
} from "@/lib/db/consents";
import { findSubscriptionById, refreshSubscription, setPaymentConsent, snapshotOf } from "@/lib/db/subscriptions";
import { CURRENT_TERMS_VERSION, renderTerms } from "@/lib/mandate/terms";
import { WALLET_CURRENCIES, type Wallet } from "@/lib/mandate/wallets";
import { walletRedirectUrl } from "@/lib/stripe/next-action";
import { stripe } from "@/lib/stripe/server";
import { describeStripeError } from "@/lib/stripe/errors";
import { invoiceWithPaymentIntent } from "@/lib/stripe/invoice-payment";
import { advanceFirstPayment, type FirstPaymentState } from "./first-payment";
import { oneActionAtATime } from "./one-action-at-a-time";
import { createWalletSetupIntent } from "./start-wallet-setup";
import { ensureStripeCustomer } from "./stripe-customer";
import { syncInvoice } from "./sync-subscription";
import { recordInvoice } from "@/lib/db/subscription-payments";

/** Statuses in which the customer can still change how a subscription is paid. */
const LIVE = new Set(["active", "trialing", "past_due", "incomplete", "unpaid"]);
/** Statuses with an open invoice the new method should pay at once. */
export const OWING = new Set(["past_due", "incomplete", "unpaid"]);

/** The stable address of the fix for a subscription (the failed-renewal email links here). */
import { fixPath } from "./fix-path";

export { fixPath };

/** The customer's own live subscription, or null: an id in a URL proves nothing. */
export async function replaceableSubscription(customerId: string, subscriptionId: string) {
  const row = await findSubscriptionById(subscriptionId);
  if (!row || row.customerId !== customerId || !LIVE.has(row.status)) return null;
  return row;
}

/** Whether a card can pay this currency (the plans that take cards). */
export function cardPays(currency: string): boolean {
  return PLANS.some((plan) => plan.currency === currency && plan.acceptsCard);
}

/** Wallets that can pay this currency. */
export function walletsFor(currency: string): Wallet[] {
  return (Object.keys(WALLET_CURRENCIES) as Wallet[]).filter((w) => WALLET_CURRENCIES[w].includes(currency));
}

export interface StartReplacementInput {
  customerId: string;
  subscriptionId: string;
  submissionId: string;
  wallet: Wallet;
  locale: Locale;
  termsVersion: string;
}

export type StartReplacementResult =
  | { ok: true; consentId: string; next: { redirectUrl: string; clientSecret: string } | { returnUrl: string } }
  | { ok: false; code: ErrorCode | "not_yours"; error: string };

/**
 * A new mandate for a subscription's payment: the consent is recorded (the
 * subscription's terms, in the customer's language) before a SetupIntent
 * confirmed with its evidence sends the customer to the wallet.
 */
export async function startMethodReplacement(
  input: StartReplacementInput,
  request: RequestContext,
): Promise<StartReplacementResult> {
  const row = await replaceableSubscription(input.customerId, input.subscriptionId);
  if (!row || !walletsFor(row.currency).includes(input.wallet))
    return { ok: false, code: "not_yours", error: "This subscription cannot be changed here." };
  if (input.termsVersion !== CURRENT_TERMS_VERSION.replace_method)
    return { ok: false, code: "terms_changed", error: "The terms have changed since the page was loaded." };
  const acceptedAt = new Date();
  const terms = renderTerms({
    purpose: "replace_method",
    locale: input.locale,
    wallet: input.wallet,
    amount: formatMoney(row.unitAmount, row.currency, input.locale),
  });
  const { consent } = await createPendingConsent({
    submissionId: input.submissionId,
    customerId: row.customerId,
    paymentMethodType: input.wallet,
    purpose: "replace_method",
    priceId: row.priceId,
    forSubscriptionId: row.id,
    ...consentEvidence(terms, acceptedAt, request),
  });
  if (
    consent.customerId !== row.customerId ||
    consent.forSubscriptionId !== row.id ||
    consent.paymentMethodType !== input.wallet
  )
    return { ok: false, code: "form_conflict", error: "This form was already submitted with other details." };
  const returnUrl = `${env().appUrl}${fixPath(row.id)}/return?consent=${encodeURIComponent(consent.id)}`;
  if (consent.status !== "pending") return { ok: true, consentId: consent.id, next: { returnUrl } };
  try {
    const linked = await ensureStripeCustomer(row.customer);
    const intent = await createWalletSetupIntent(consent, linked.stripeCustomerId, returnUrl);
    await recordSetupIntent(consent.id, intent.id);
    const redirectUrl = walletRedirectUrl(intent);
    return redirectUrl && intent.client_secret
      ? { ok: true, consentId: consent.id, next: { redirectUrl, clientSecret: intent.client_secret } }
      : { ok: true, consentId: consent.id, next: { returnUrl } };
  } catch (error) {
    const described = describeStripeError(error);
    if (error instanceof Stripe.errors.StripeInvalidRequestError)
      await transitionConsent(consent.id, { to: "failed", reason: described.message, source: "consent_form" });
    return { ok: false, code: described.code, error: described.message };
  }
}

export type ReplacementOutcome =
  | { kind: "replaced"; subscriptionId: string; status: string; payment: FirstPaymentState }
  | { kind: "not_ready" }
  | { kind: "error"; code: ErrorCode; message: string };

/**
 * Once the new mandate is active: it becomes the subscription's and the
 * customer's default, and an open invoice is paid now, on-session (the wallet
 * may redirect once more). Every call is keyed by the consent, so a reload
 * converges on the same update and the same confirmation.
 */
export async function applyReplacement(
  consentId: string,
  options: { retry?: boolean } = {},
): Promise<ReplacementOutcome> {
  const consent = await findConsentById(consentId);
  if (!consent || consent.purpose !== "replace_method" || !consent.forSubscriptionId) return { kind: "not_ready" };
  const owned = await findSubscriptionById(consent.forSubscriptionId);
  if (!owned || owned.customerId !== consent.customerId || consent.status !== "active" || !consent.paymentMethodId)
    return { kind: "not_ready" };
  // One change to the subscription at a time (a cancel, a resume, another tab's replacement).
  const outcome = await oneActionAtATime(owned.id, async () => {
    const row = (await findSubscriptionById(owned.id))!;
    return replaceUnderClaim({ ...consent, paymentMethodId: consent.paymentMethodId! }, row, options);
  });
  return outcome.held
    ? outcome.value
    : { kind: "error", code: "subscription_busy", message: "Another change to this subscription is in progress." };
}

async function replaceUnderClaim(
  consent: NonNullable<Awaited<ReturnType<typeof findConsentById>>> & { paymentMethodId: string },
  row: NonNullable<Awaited<ReturnType<typeof findSubscriptionById>>>,
  options: { retry?: boolean },
): Promise<ReplacementOutcome> {
  const type = consent.paymentMethodType as Wallet | "card";
  const key = (step: string) => ({ idempotencyKey: `${step}:${consent.id}` });
  try {
    const subscription = await stripe().subscriptions.update(
      row.stripeSubscriptionId,
      {
        default_payment_method: consent.paymentMethodId,
        payment_settings: { payment_method_types: [type] },
        expand: ["items.data.price"],
      },
      key("subscription-replace-method"),
    );
    await stripe().customers.update(
      row.customer.stripeCustomerId!,
      { invoice_settings: { default_payment_method: consent.paymentMethodId } },
      key("customer-replace-method"),
    );
    await refreshSubscription(snapshotOf(subscription));
    await setPaymentConsent(row.id, consent.id);
    if (!OWING.has(subscription.status) || !row.latestInvoiceId)
      return { kind: "replaced", subscriptionId: row.id, status: subscription.status, payment: { kind: "paid" } };

    const { invoice, intent } = await invoiceWithPaymentIntent(row.latestInvoiceId);
    if (invoice.status !== "open") {
      // Paid already (a reload after the payment) or voided: nothing is owed any more. The
      // update above may be a replay of the first answer, so the subscription is read again.
      await syncInvoice(row.id, invoice.id);
      const now = await stripe().subscriptions.retrieve(row.stripeSubscriptionId, { expand: ["items.data.price"] });
      await refreshSubscription(snapshotOf(now));
      return { kind: "replaced", subscriptionId: row.id, status: now.status, payment: { kind: "paid" } };
    }
    const payment = await advanceFirstPayment({
      subscription,
      intent,
      paymentMethodId: consent.paymentMethodId,
      allowedTypes: [type],
      returnPath: `/subscribe/payment-return?subscription=${encodeURIComponent(row.id)}`,
      useStripeSdk: type === "card",
      attemptKey: `replace-${consent.id}`,
      retry: options.retry ?? true,
    });
    const { invoice: after, intent: charged } = await invoiceWithPaymentIntent(invoice.id);
    await recordInvoice(row.id, after, charged);
    const settled = after.status === "paid" ? ({ kind: "paid" } as const) : payment;
    const now = await stripe().subscriptions.retrieve(row.stripeSubscriptionId, { expand: ["items.data.price"] });
    await refreshSubscription(snapshotOf(now));
    return { kind: "replaced", subscriptionId: row.id, status: now.status, payment: settled };
  } catch (error) {
    const { code, message } = describeStripeError(error);
    return { kind: "error", code, message };
  }
}
