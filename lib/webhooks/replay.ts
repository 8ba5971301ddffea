import { findWebhookEvent } from "@/lib/db/admin-webhooks";
import { markWebhookEventFailed, markWebhookEventProcessed } from "@/lib/db/webhook-events";
import { describeStripeError } from "@/lib/stripe/errors";
import { stripe } from "@/lib/stripe/server";
import { HANDLERS } from "./handlers";

export type ReplayResult =
  | { kind: "processed" | "already_processed" | "unhandled" }
  | { kind: "failed"; reason: string }
  | { kind: "not_found" };

/**
 * Runs a stored event through the same handler the webhook route uses. The
 * event is read back from Stripe by its id (our inbox keeps the id, type and
 * outcome; Stripe keeps the payload), and handlers re-read the objects they
 * touch, so a replay converges on the same record as a late delivery would.
 */
export async function replayWebhookEvent(eventId: string): Promise<ReplayResult> {
  const stored = await findWebhookEvent(eventId);
  if (!stored) return { kind: "not_found" };
  if (stored.processedAt) return { kind: "already_processed" };
  let event;
  try {
    event = await stripe().events.retrieve(eventId);
  } catch (error) {
    return { kind: "failed", reason: describeStripeError(error).message };
  }
  const handler = HANDLERS[event.type];
  if (!handler) {
    await markWebhookEventProcessed(eventId);
    return { kind: "unhandled" };
  }
  try {
    await handler(event);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`webhook replay ${eventId} (${event.type}) failed:`, reason);
    await markWebhookEventFailed(eventId, reason);
    return { kind: "failed", reason };
  }
  await markWebhookEventProcessed(eventId);
  return { kind: "processed" };
}
