"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { advanceCustomerClock } from "@/lib/billing/advance-clock";
import { cancelSubscription } from "@/lib/billing/cancel-subscription";
import { revokeWallet } from "@/lib/billing/revoke-wallet";
import { currentCustomer } from "@/lib/auth/guard";

const CancelFields = z.object({ subscription: z.string().min(1).max(64), mode: z.enum(["period_end", "now"]) });
const RevokeFields = z.object({ consent: z.string().min(1).max(64) });
const AdvanceFields = z.object({ days: z.coerce.number().int().min(1).max(400) });

async function sessionCustomer(): Promise<string> {
  const customer = await currentCustomer();
  if (!customer) redirect("/account");
  return customer.id;
}

export async function cancelSubscriptionAction(formData: FormData): Promise<void> {
  const parsed = CancelFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/account?error=invalid");
  const result = await cancelSubscription(await sessionCustomer(), parsed.data.subscription, parsed.data.mode);
  redirect(
    result.ok
      ? `/account?done=${parsed.data.mode === "now" ? "canceled" : "cancel_scheduled"}`
      : "/account?error=failed",
  );
}

export async function revokeWalletAction(formData: FormData): Promise<void> {
  const parsed = RevokeFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/account?error=invalid");
  const result = await revokeWallet(await sessionCustomer(), parsed.data.consent);
  redirect(result.ok ? "/account?done=revoked" : "/account?error=failed");
}

/** Local and test mode only: advance the customer's test clock (renewals happen). */
export async function advanceClockAction(formData: FormData): Promise<void> {
  const parsed = AdvanceFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/account?error=invalid");
  const result = await advanceCustomerClock(await sessionCustomer(), parsed.data.days);
  redirect(result.ok ? "/account?done=clock" : "/account?error=failed");
}
