/** Records an Event for a state change and hands it to webhook delivery. */
import type Stripe from "stripe";
import type { App } from "./app.js";
import type { RequestInfo } from "./http/router.js";
import { newId, nowSeconds } from "./ids.js";

export const API_VERSION = "2026-10-28.endive";

export type EventType = Stripe.Event["type"];
type EventFor<T extends EventType> = Extract<Stripe.Event, { type: T }>;
export type EventObject<T extends EventType> = EventFor<T>["data"]["object"];

/** Runs after an event of its type is recorded (e.g. a SetupIntent succeeding clears a subscription's pending_setup_intent). */
export type EventListener = (app: App, origin: RequestInfo, event: Stripe.Event) => void;
const listeners = new Map<EventType, EventListener[]>();

export function onEvent(type: EventType, listener: EventListener): void {
  listeners.set(type, [...(listeners.get(type) ?? []), listener]);
}

/** Events caused without an API request (the redirect page) carry null ids. */
export const NO_REQUEST: RequestInfo = { id: null, idempotencyKey: null };

function snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function recordEvent<T extends EventType>(
  app: App,
  origin: RequestInfo,
  type: T,
  object: EventObject<T>,
  previous?: Partial<EventObject<T>>,
): Stripe.Event {
  const data: Stripe.Event.Data = { object: snapshot(object) };
  if (previous && Object.keys(previous).length > 0) data.previous_attributes = snapshot(previous);
  const base: Stripe.EventBase = {
    id: newId("evt"),
    object: "event",
    api_version: API_VERSION,
    created: nowSeconds(),
    data,
    livemode: false,
    pending_webhooks: 0,
    request: { id: origin.id, idempotency_key: origin.idempotencyKey },
    type,
  };
  // EventBase plus a data.object of the matching type is exactly EventFor<T>.
  const event = base as EventFor<T>;
  app.store.events.insert(event);
  app.webhooks.enqueue(event);
  for (const listener of listeners.get(type) ?? []) listener(app, origin, event);
  return event;
}

/** The fields of `before` that differ in `after`, with their old values. */
export function changedAttributes<T extends object>(before: T, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = snapshot(before[key]);
  }
  return out;
}
