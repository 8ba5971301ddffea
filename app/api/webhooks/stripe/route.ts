import { insertWebhookEvent } from "@/lib/db/webhook-inbox";
import { env } from "@/lib/env";
import { stripe } from "@/lib/stripe/server";
import { isHandledEventType } from "@/lib/webhooks/process-event";
import { readBoundedBody, verifyWebhook } from "@/lib/webhooks/verify";
import { kickInboxWorker } from "@/lib/webhooks/worker";

export const dynamic = "force-dynamic";

/**
 * Stripe's webhook endpoint: verify, store the event in the inbox in one
 * statement (a repeated delivery is a no-op) and answer at once; the inbox
 * worker applies it. Stripe wants a quick 2xx and retries slow endpoints.
 */
export async function POST(request: Request): Promise<Response> {
  const body = await readBoundedBody(request);
  if (typeof body !== "string") return Response.json({ error: body.error }, { status: body.status });

  const verified = verifyWebhook(stripe().webhooks, body, request.headers.get("stripe-signature"), env().webhookSecret);
  if (!verified.ok) return Response.json({ error: verified.error }, { status: verified.status });

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
    return Response.json({ error: "Not stored; Stripe will retry" }, { status: 500 });
  }
  if (stored && handled) kickInboxWorker();
  return Response.json({ received: true, result: stored ? (handled ? "queued" : "unhandled") : "duplicate" });
}
