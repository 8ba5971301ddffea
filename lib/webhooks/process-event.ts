import type Stripe from "stripe";
import { claimWebhookEvent, markWebhookEventFailed, markWebhookEventProcessed } from "@/lib/db/webhook-events";
import { HANDLERS } from "./handlers";

export type ProcessResult = "processed" | "duplicate" | "unhandled";

/** Processes a verified event once, however often it is delivered. Throws so Stripe retries on failure. */
export async function processStripeEvent(event: Stripe.Event): Promise<ProcessResult> {
  const object = event.data.object as { id?: unknown };
  const claimed = await claimWebhookEvent({
    id: event.id,
    type: event.type,
    objectId: typeof object.id === "string" ? object.id : null,
  });
  if (!claimed) return "duplicate";

  const handler = HANDLERS[event.type];
  if (!handler) {
    console.info(`webhook ${event.id}: acknowledged unhandled event type ${event.type}`);
    await markWebhookEventProcessed(event.id);
    return "unhandled";
  }
  try {
    await handler(event);
  } catch (error) {
    await markWebhookEventFailed(event.id, error instanceof Error ? error.message : String(error));
    throw error;
  }
  await markWebhookEventProcessed(event.id);
  return "processed";
}
