"use server";

import { headers } from "next/headers";
import { z } from "zod";
import {
  continueCardReplacement,
  startCardReplacement,
  type CardReplacementStep,
} from "@/lib/billing/replace-with-card";
import { requestContextFrom } from "@/lib/http/request-context";
import { errorMessage } from "@/lib/i18n/error-message";
import { LOCALES } from "@/lib/i18n/locales";
import { requestMessages } from "@/lib/i18n/request-locale";
import { currentCustomerId } from "@/lib/session-cookie";

const StartInput = z.object({
  subscription: z.string().min(1).max(64),
  submissionId: z.uuid(),
  locale: z.enum(LOCALES),
  termsVersion: z.string().min(1).max(40),
  paymentMethodId: z.string().regex(/^pm_\w+$/),
  consent: z.literal(true),
});
const ContinueInput = z.object({ consentId: z.string().min(1).max(64), paymentAuthenticated: z.boolean() });

/** The page's next step, or our own words for why not (Stripe's text stays in the logs). */
export type CardFixAnswer = Exclude<CardReplacementStep, { ok: false }> | { ok: false; error: string };

/** A card for a subscription (tokenised by Stripe.js) with its consent. The session says whose. */
export async function startCardFixAction(input: unknown): Promise<CardFixAnswer> {
  const { t } = await requestMessages();
  const parsed = StartInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: t.consentRequired };
  const customerId = await currentCustomerId();
  if (!customerId) return { ok: false, error: t.accountSignedOut };
  const { subscription, submissionId, locale, termsVersion, paymentMethodId } = parsed.data;
  return worded(
    await startCardReplacement(
      { submissionId, locale, termsVersion, paymentMethodId, customerId, subscriptionId: subscription },
      requestContextFrom(await headers()),
    ),
  );
}

/** After Stripe.js confirmed the card or authenticated the payment: the server reads Stripe again. */
export async function continueCardFixAction(input: unknown): Promise<CardFixAnswer> {
  const { t } = await requestMessages();
  const parsed = ContinueInput.safeParse(input);
  const customerId = await currentCustomerId();
  if (!parsed.success || !customerId) return { ok: false, error: t.accountSignedOut };
  return worded(await continueCardReplacement(customerId, parsed.data.consentId, parsed.data.paymentAuthenticated));
}

async function worded(step: CardReplacementStep): Promise<CardFixAnswer> {
  if (step.ok) return step;
  const { t } = await requestMessages();
  return {
    ok: false,
    error: step.code === "not_yours" ? t.refusedOtherSession : errorMessage(step.code, step.error, t),
  };
}
