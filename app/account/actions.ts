"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { advanceCustomerClock } from "@/lib/billing/advance-clock";
import { cancelSubscription, resumeSubscription } from "@/lib/billing/cancel-subscription";
import { fixPath } from "@/lib/billing/fix-path";
import { revokeWallet } from "@/lib/billing/revoke-wallet";
import { currentCustomer } from "@/lib/auth/guard";
import { subscribeWithConsent } from "@/lib/billing/subscribe";
import { findSubscriptionById } from "@/lib/db/subscriptions";

const SubscriptionField = z.string().min(1).max(64);
const CancelFields = z.object({
  subscription: SubscriptionField,
  mode: z.enum(["period_end", "now"]),
  confirmed: z.literal("yes").optional(),
});
const RevokeFields = z.object({
  consent: z.string().min(1).max(64),
  confirmed: z.literal("yes").optional(),
  subscriptions: z.literal("cancel_at_period_end").optional(),
});
// Stripe advances a test clock by at most two billing intervals at a time: at most 60 days.
const AdvanceFields = z.object({ days: z.coerce.number().int().min(1).max(60) });

async function sessionCustomer(): Promise<string> {
  const customer = await currentCustomer();
  if (!customer) redirect("/account");
  return customer.id;
}

/** Back to the account page, which shows the subscription as it is now: another change held it, or this one failed. */
function failed(result: { busy?: true }): string {
  return result.busy ? "/account?error=busy" : "/account?error=failed";
}

export async function cancelSubscriptionAction(formData: FormData): Promise<void> {
  const parsed = CancelFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/account?error=invalid");
  const { subscription, mode, confirmed } = parsed.data;
  // Destructive: without the confirmation step's answer, ask first.
  if (!confirmed) redirect(`/account?subscription=${encodeURIComponent(subscription)}&confirm=${mode}`);
  const result = await cancelSubscription(await sessionCustomer(), subscription, mode);
  redirect(result.ok ? `/account?done=${mode === "now" ? "canceled" : "cancel_scheduled"}` : failed(result));
}

export async function resumeSubscriptionAction(formData: FormData): Promise<void> {
  const parsed = SubscriptionField.safeParse(formData.get("subscription"));
  if (!parsed.success) redirect("/account?error=invalid");
  const result = await resumeSubscription(await sessionCustomer(), parsed.data);
  redirect(result.ok ? "/account?done=resumed" : failed(result));
}

/** "Complete the payment": continues the first invoice's own PaymentIntent in the wallet. */
export async function completePaymentAction(formData: FormData): Promise<void> {
  const parsed = SubscriptionField.safeParse(formData.get("subscription"));
  if (!parsed.success) redirect("/account?error=invalid");
  const customerId = await sessionCustomer();
  const row = await findSubscriptionById(parsed.data);
  if (!row || row.customerId !== customerId) redirect("/account?error=invalid");
  const outcome = await subscribeWithConsent(row.consentId);
  if (outcome.kind === "subscription" && outcome.payment.kind === "redirect") redirect(outcome.payment.redirectUrl);
  if (outcome.kind === "subscription" && outcome.payment.kind === "failed") redirect(fixPath(row.id));
  if (outcome.kind === "error") redirect(failed({ busy: outcome.code === "subscription_busy" || undefined }));
  redirect("/account");
}

export async function revokeWalletAction(formData: FormData): Promise<void> {
  const parsed = RevokeFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/account?error=invalid");
  const { consent, confirmed, subscriptions } = parsed.data;
  if (!confirmed) redirect(`/account?revoke=${encodeURIComponent(consent)}`);
  const result = await revokeWallet(await sessionCustomer(), consent, {
    cancelSubscriptions: subscriptions === "cancel_at_period_end",
  });
  if (!result.ok && "paysSubscriptions" in result) redirect(`/account?revoke=${encodeURIComponent(consent)}`);
  redirect(result.ok ? "/account?done=revoked" : failed(result));
}

/** Local and test mode only: advance the customer's test clock (renewals happen). */
export async function advanceClockAction(formData: FormData): Promise<void> {
  const parsed = AdvanceFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/account?error=invalid");
  const result = await advanceCustomerClock(await sessionCustomer(), parsed.data.days);
  redirect(result.ok ? "/account?done=clock" : "/account?error=failed");
}
