/**
 * Reading the webhook inbox (the admin console's lists and counts). Writes go
 * through webhook-inbox.ts.
 */
import { db } from "./client";
import type { WebhookEvent } from "./models";

/** pending: waiting for a worker (or being applied); retrying: failed, will be retried; parked: gave up, waits for a replay. */
export type WebhookEventState = "pending" | "retrying" | "parked" | "processed";

export const WEBHOOK_EVENT_STATES: readonly WebhookEventState[] = ["pending", "retrying", "parked", "processed"];

function whereState(state: WebhookEventState) {
  switch (state) {
    case "processed":
      return { processedAt: { not: null } };
    case "parked":
      return { processedAt: null, parkedAt: { not: null } };
    case "retrying":
      return { processedAt: null, parkedAt: null, error: { not: null } };
    case "pending":
      return { processedAt: null, parkedAt: null, error: null };
  }
}

export function webhookEventState(event: Pick<WebhookEvent, "processedAt" | "parkedAt" | "error">): WebhookEventState {
  if (event.processedAt) return "processed";
  if (event.parkedAt) return "parked";
  return event.error ? "retrying" : "pending";
}

/** The newest events in one state, without their payloads. */
export function listWebhookEventsByState(state: WebhookEventState, options: { take?: number; skip?: number } = {}) {
  return db().webhookEvent.findMany({
    where: whereState(state),
    orderBy: [{ receivedAt: "desc" }, { id: "asc" }],
    take: Math.min(options.take ?? 50, 200),
    skip: options.skip ?? 0,
    omit: { payload: true },
  });
}

export function countWebhookEvents(state: WebhookEventState): Promise<number> {
  return db().webhookEvent.count({ where: whereState(state) });
}

export async function countWebhookEventsByState(): Promise<Record<WebhookEventState, number>> {
  const counts = await Promise.all(WEBHOOK_EVENT_STATES.map(countWebhookEvents));
  return Object.fromEntries(WEBHOOK_EVENT_STATES.map((state, i) => [state, counts[i]!])) as Record<
    WebhookEventState,
    number
  >;
}

export function findWebhookEvent(id: string): Promise<WebhookEvent | null> {
  return db().webhookEvent.findUnique({ where: { id } });
}
