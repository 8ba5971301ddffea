"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { resolveCheckoutIdentity } from "@/lib/auth/checkout-identity";
import { startCardSubscription, type StartCardSubscriptionResult } from "@/lib/billing/start-card-subscription";
import { findPlan } from "@/lib/catalogue/load-plans";
import { formatMoney } from "@/lib/catalogue/money";
import { OFFER_IDS } from "@/lib/catalogue/offers";
import { requestContextFrom } from "@/lib/http/request-context";
import { errorMessage, linksToAccount } from "@/lib/i18n/error-message";
import { LOCALES } from "@/lib/i18n/locales";
import { requestMessages } from "@/lib/i18n/request-locale";

const CardSubscribeInput = z.object({
  submissionId: z.uuid(),
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  locale: z.enum(LOCALES),
  termsVersion: z.string().min(1).max(40),
  plan: z.string().min(1).max(100),
  offer: z.enum(OFFER_IDS),
  paymentMethodId: z.string().regex(/^pm_\w+$/),
  consent: z.literal(true),
});

export type CardSubscribeAnswer =
  | StartCardSubscriptionResult
  | (Extract<StartCardSubscriptionResult, { ok: false }> & { accountLink: boolean })
  | { ok: false; invalid: true; error: string }
  /** The email has an account: a code was sent; the form calls again once this browser signs in. */
  | { ok: false; signIn: true; email: string };

/** Seed 003 from the browser: the card (tokenised by Stripe.js) and the consent; Stripe's pending SetupIntent comes back. */
export async function startCardSubscriptionAction(input: unknown): Promise<CardSubscribeAnswer> {
  const parsed = CardSubscribeInput.safeParse(input);
  if (!parsed.success) return { ok: false, invalid: true, error: (await requestMessages()).t.emailInvalid };
  const { plan: lookupKey, submissionId, email, locale, termsVersion, offer, paymentMethodId } = parsed.data;
  const form = { submissionId, email, locale, termsVersion, offer, paymentMethodId };
  const plan = await findPlan(lookupKey);
  if (!plan || !plan.acceptsCard)
    return { ok: false, invalid: true, error: (await requestMessages()).t.planUnavailable };
  const identity = await resolveCheckoutIdentity(email, locale);
  if (identity.kind === "sign_in_required") return { ok: false, signIn: true, email: identity.email };
  if (identity.kind === "rate_limited")
    return { ok: false, invalid: true, error: (await requestMessages()).t.errorRateLimited };
  const amountLabel = formatMoney(plan.unitAmount, plan.currency, form.locale);
  const result = await startCardSubscription(
    { ...form, email: identity.email, plan: { priceId: plan.priceId, amountLabel } },
    requestContextFrom(await headers()),
  );
  if (!result.ok)
    return {
      ...result,
      error: errorMessage(result.code, result.error, (await requestMessages()).t),
      accountLink: linksToAccount(result.code),
    };
  return result;
}
