/**
 * One webhook delivery, whichever server received it (the Node endpoint in
 * scripts/serve.ts, or the Next route): verify, store the event in the inbox
 * in one statement (a repeated delivery is a no-op), tell the worker. The
 * worker applies it later: Stripe wants a quick 2xx and retries slow endpoints.
 */
import { insertWebhookEvent } from "@/lib/db/webhook-inbox-insert";
import { env } from "@/lib/env";
import { stripe } from "@/lib/stripe/server";
import { isHandledEventType } from "./process-event";
import { verifyWebhook } from "./verify";

export interface IngestAnswer {
  status: number;
  body: { received: true; result: "queued" | "unhandled" | "duplicate" } | { error: string };
}

/** `onQueued` runs when a new event waits for a handler (wakes the worker, wherever it runs). */
export async function ingestDelivery(
  payload: string,
  signature: string | null,
  onQueued: () => void,
): Promise<IngestAnswer> {
  const verified = verifyWebhook(stripe().webhooks, payload, signature, env().webhookSecret);
  if (!verified.ok) return { status: verified.status, body: { error: verified.error } };

  const handled = isHandledEventType(verified.type);
  let stored: boolean;
  try {
    stored = await insertWebhookEvent({
      id: verified.id,
      type: verified.type,
      objectId: verified.objectId,
      payload: verified.payload,
      eventCreated: verified.created,
      processed: !handled,
    });
  } catch (error) {
    console.error(`webhook ${verified.id}: not stored:`, error instanceof Error ? error.message : error);
    return { status: 500, body: { error: "Not stored; Stripe will retry" } };
  }
  if (stored && handled) onQueued();
  return { status: 200, body: { received: true, result: stored ? (handled ? "queued" : "unhandled") : "duplicate" } };
}
