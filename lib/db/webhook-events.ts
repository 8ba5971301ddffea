import { db } from "./client";
import { isUniqueViolation } from "./errors";

/**
 * Claims an event id for processing. Returns false when a previous delivery of
 * the same event was already processed (a replay), true otherwise: a delivery
 * that failed half-way is processed again, which handlers are written to allow.
 */
export async function claimWebhookEvent(event: {
  id: string;
  type: string;
  objectId: string | null;
}): Promise<boolean> {
  try {
    await db().webhookEvent.create({ data: { id: event.id, type: event.type, objectId: event.objectId } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db().webhookEvent.findUnique({ where: { id: event.id } });
    return !existing?.processedAt;
  }
}

export async function markWebhookEventProcessed(id: string) {
  await db().webhookEvent.update({ where: { id }, data: { processedAt: new Date(), error: null } });
}

export async function markWebhookEventFailed(id: string, error: string) {
  await db().webhookEvent.update({ where: { id }, data: { error: error.slice(0, 1000) } });
}
