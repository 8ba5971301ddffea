import type Stripe from "stripe";
import { HANDLERS } from "./handlers";

/** True when some handler acts on this event type; other types are stored already processed. */
export function isHandledEventType(type: string): boolean {
  return Object.hasOwn(HANDLERS, type);
}

/** Applies one stored event. Throws when the handler fails (the worker retries it later). */
export async function applyStripeEvent(payload: string): Promise<void> {
  const event = JSON.parse(payload) as Stripe.Event;
  const handler = Object.hasOwn(HANDLERS, event.type) ? HANDLERS[event.type] : undefined;
  if (handler) await handler(event);
}
