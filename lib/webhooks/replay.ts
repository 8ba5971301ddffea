import { findWebhookEvent } from "@/lib/db/webhook-events";
import { requeueWebhookEvent } from "@/lib/db/webhook-inbox";
import { kickInboxWorker } from "./worker";

export type ReplayResult = { ok: true } | { ok: false; reason: "not_found" | "already_processed" | "not_failed" };

/**
 * Puts a parked (or failing) event back in the inbox with fresh attempts; the
 * worker applies it through the same path as a new delivery.
 */
export async function replayWebhookEvent(eventId: string): Promise<ReplayResult> {
  if (await requeueWebhookEvent(eventId)) {
    kickInboxWorker();
    return { ok: true };
  }
  const event = await findWebhookEvent(eventId);
  if (!event) return { ok: false, reason: "not_found" };
  return { ok: false, reason: event.processedAt ? "already_processed" : "not_failed" };
}
