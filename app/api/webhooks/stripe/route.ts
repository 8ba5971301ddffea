import type Stripe from "stripe";
import { env } from "@/lib/env";
import { stripe } from "@/lib/stripe/server";
import { processStripeEvent } from "@/lib/webhooks/process-event";

export const dynamic = "force-dynamic";

/** Stripe's webhook endpoint: verify the signature, then process each event id once. */
export async function POST(request: Request): Promise<Response> {
  const signature = request.headers.get("stripe-signature");
  if (!signature) return Response.json({ error: "Missing Stripe-Signature header" }, { status: 400 });

  const payload = await request.text();
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(payload, signature, env().webhookSecret);
  } catch {
    return Response.json({ error: "Invalid signature or payload" }, { status: 400 });
  }

  try {
    const result = await processStripeEvent(event);
    return Response.json({ received: true, result });
  } catch (error) {
    console.error(`webhook ${event.id} (${event.type}) failed:`, error instanceof Error ? error.message : error);
    return Response.json({ error: "Processing failed; Stripe will retry" }, { status: 500 });
  }
}
