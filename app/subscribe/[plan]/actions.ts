"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { requestMessages } from "@/lib/i18n/request-locale";
import { resolveCheckoutIdentity } from "@/lib/auth/checkout-identity";
import { startWalletSetup } from "@/lib/billing/start-wallet-setup";
import { findPlan } from "@/lib/catalogue/load-plans";
import { formatMoney } from "@/lib/catalogue/money";
import { OFFER_IDS } from "@/lib/catalogue/offers";
import { answerConsentForm } from "@/lib/consents/answer-form";
import { ConsentFormFields } from "@/lib/consents/form-schema";
import { invalidFields, type ConsentFormState } from "@/lib/consents/form-state";
import { requestContextFrom } from "@/lib/http/request-context";

const SubscribeFields = ConsentFormFields.extend({
  plan: z.string().min(1).max(100),
  offer: z.enum(OFFER_IDS).optional(),
});

/** Consent to the plan's mandate, then the wallet's authorization (seeds 002/004). */
export async function subscribeAction(_previous: ConsentFormState, formData: FormData): Promise<ConsentFormState> {
  const parsed = SubscribeFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidFields(parsed.error.issues);
  const { plan: lookupKey, offer, ...form } = parsed.data;
  const plan = await findPlan(lookupKey);
  if (!plan || !plan.wallets.includes(form.wallet)) return { status: "invalid", fields: { wallet: true } };
  const identity = await resolveCheckoutIdentity(form.email, form.locale);
  if (identity.kind === "sign_in_required") return { status: "sign_in", email: identity.email };
  if (identity.kind === "rate_limited")
    return { status: "error", message: (await requestMessages()).t.errorRateLimited };
  const amountLabel = formatMoney(plan.unitAmount, plan.currency, form.locale);
  const result = await startWalletSetup(
    { ...form, email: identity.email, plan: { priceId: plan.priceId, amountLabel, offer: offer ?? null } },
    requestContextFrom(await headers()),
  );
  return answerConsentForm(result);
}
