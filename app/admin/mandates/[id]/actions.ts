"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { takeAdminAction } from "@/lib/admin/action-limit";
import { chargeSavedWallet } from "@/lib/admin/charge";
import { revokeMandateAsAdmin } from "@/lib/admin/revoke";
import { requireAdmin } from "@/lib/auth/guard";
import { toMinorUnits } from "@/lib/admin/money-input";

const ChargeFields = z.object({
  actionId: z.uuid(),
  consentId: z.string().min(1).max(64),
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,2})?$/),
  currency: z.enum(["usd", "eur", "gbp", "jpy", "krw"]),
  description: z.string().trim().min(1).max(200),
  confirm: z.literal("on"),
});

const RevokeFields = z.object({
  actionId: z.uuid(),
  consentId: z.string().min(1).max(64),
  reason: z.string().trim().min(3).max(500),
  confirm: z.literal("on"),
});

const back = (consentId: string, query: Record<string, string>) =>
  `/admin/mandates/${encodeURIComponent(consentId)}?${new URLSearchParams(query).toString()}`;

/** Charge the saved wallet off-session; the page then shows the recorded result by action id. */
export async function chargeAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const consentId = String(formData.get("consentId") ?? "").slice(0, 64);
  const allowance = await takeAdminAction(admin, { action: "charge", targetType: "consent", targetId: consentId });
  if (!allowance.ok) redirect(back(consentId, { error: "rate_limited", retry: String(allowance.retryAfterSeconds) }));
  const parsed = ChargeFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect(back(consentId, { error: "invalid_charge" }));
  const amount = toMinorUnits(parsed.data.amount, parsed.data.currency);
  if (amount === null || amount <= 0) redirect(back(consentId, { error: "invalid_charge" }));
  const result = await chargeSavedWallet(admin, { ...parsed.data, amount });
  redirect(
    back(consentId, {
      charge: parsed.data.actionId,
      outcome: result.kind,
      ...(result.kind === "refused" ? { refusal: result.code } : {}),
    }),
  );
}

/** Revoke the mandate with a reason; the page then shows the result. */
export async function revokeAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const consentId = String(formData.get("consentId") ?? "").slice(0, 64);
  const allowance = await takeAdminAction(admin, { action: "revoke", targetType: "consent", targetId: consentId });
  if (!allowance.ok) redirect(back(consentId, { error: "rate_limited", retry: String(allowance.retryAfterSeconds) }));
  const parsed = RevokeFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect(back(consentId, { error: "invalid_revoke" }));
  const result = await revokeMandateAsAdmin(admin, parsed.data);
  redirect(
    back(consentId, {
      revoke: result.kind,
      ...(result.kind === "refused" ? { refusal: result.code } : {}),
    }),
  );
}
