"use server";

import { z } from "zod";
import { finishPendingSetup, type FinishPendingResult } from "@/lib/billing/finish-pending-setup";
import { subscribeWithConsent } from "@/lib/billing/subscribe";
import type { ConsentFormState } from "@/lib/consents/form-state";
import { findSubscriptionById } from "@/lib/db/subscriptions";
import { env } from "@/lib/env";
import { errorMessage } from "@/lib/i18n/error-message";
import { requestMessages } from "@/lib/i18n/request-locale";
import { currentCustomerId } from "@/lib/session-cookie";

const RetryFields = z.object({ subscription: z.string().min(1).max(64), attempt: z.uuid() });

/** Tries the first invoice's payment again, in the wallet, after a failure. */
export async function retryFirstPaymentAction(
  _previous: ConsentFormState,
  formData: FormData,
): Promise<ConsentFormState> {
  const parsed = RetryFields.safeParse(Object.fromEntries(formData));
  const { t } = await requestMessages();
  if (!parsed.success) return { status: "error", message: t.formStale };
  const customerId = await currentCustomerId();
  const row = await findSubscriptionById(parsed.data.subscription);
  if (!row || row.customerId !== customerId) return { status: "error", message: t.refusedOtherSession };

  const outcome = await subscribeWithConsent(row.consentId, { attemptKey: parsed.data.attempt, retry: true });
  if (outcome.kind === "error") return { status: "error", message: errorMessage(outcome.code, outcome.message, t) };
  if (outcome.kind === "subscription" && outcome.payment.kind === "redirect") {
    return { status: "redirect", redirectUrl: outcome.payment.redirectUrl, clientSecret: outcome.payment.clientSecret };
  }
  return { status: "done", returnUrl: `${env().appUrl}/account` };
}

/** After the browser confirmed the pending SetupIntent: store the outcome and adopt the card. */
export async function finishPendingSetupAction(subscriptionId: string): Promise<FinishPendingResult> {
  const parsed = z.string().min(1).max(64).safeParse(subscriptionId);
  const customerId = await currentCustomerId();
  if (!parsed.success || !customerId) return { ok: false, error: (await requestMessages()).t.accountSignedOut };
  return finishPendingSetup(customerId, parsed.data);
}
