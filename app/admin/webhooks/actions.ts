"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { takeAdminAction } from "@/lib/admin/action-limit";
import { requireAdmin } from "@/lib/auth/guard";
import { appendAudit } from "@/lib/db/admin-audit";
import { replayWebhookEvent } from "@/lib/webhooks/replay";

const ReplayFields = z.object({
  actionId: z.uuid(),
  eventId: z.string().regex(/^evt_\w{1,100}$/),
  confirm: z.literal("on"),
});

/** Puts a failed or parked event back in the inbox; the worker applies it through the same handler. */
export async function replayAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const eventId = String(formData.get("eventId") ?? "").slice(0, 120);
  const allowance = await takeAdminAction(admin, {
    action: "webhook_replay",
    targetType: "webhook_event",
    targetId: eventId,
  });
  if (!allowance.ok) {
    const retry = String(allowance.retryAfterSeconds);
    redirect(`/admin/webhooks?${new URLSearchParams({ replay: "rate_limited", event: eventId, retry })}`);
  }
  const parsed = ReplayFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/admin/webhooks?replay=invalid");
  const result = await replayWebhookEvent(parsed.data.eventId);
  await appendAudit({
    actionId: parsed.data.actionId,
    adminId: admin.userId,
    adminEmail: admin.email,
    action: "webhook_replay",
    targetType: "webhook_event",
    targetId: parsed.data.eventId,
    outcome: result.ok ? "succeeded" : "refused",
    detail: result.ok ? "queued" : result.reason,
  });
  const replay = result.ok ? "queued" : result.reason;
  redirect(`/admin/webhooks?${new URLSearchParams({ replay, event: parsed.data.eventId })}`);
}
