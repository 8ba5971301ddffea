/**
 * When is the webhook backlog drained? When the emulator has no delivery to the
 * endpoint still pending (each one answered, or given up) and every stored event
 * is processed or parked — and no new delivery appeared meanwhile.
 */
import type { Delivery } from "../../emulator/webhooks";
import type { InboxReader } from "./inbox-stats";
import { sleep } from "./processes";

export interface Backlog {
  deliveries: number;
  failedDeliveries: number;
  stored: number;
  processed: number;
  parked: number;
}

async function deliveriesTo(emulatorUrl: string, endpointId: string): Promise<Delivery[]> {
  const response = await fetch(new URL("/_emulator/deliveries", emulatorUrl));
  const body = (await response.json()) as { deliveries: Delivery[] };
  return body.deliveries.filter((d) => d.endpoint_id === endpointId);
}

export async function waitForDrainedBacklog(
  emulatorUrl: string,
  endpointId: string,
  inbox: InboxReader,
  timeoutMs = 10 * 60_000,
): Promise<Backlog> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = await deliveriesTo(emulatorUrl, endpointId);
    if (!before.some((d) => d.status === "pending")) {
      const stats = await inbox.stats("evt_");
      const after = await deliveriesTo(emulatorUrl, endpointId);
      if (stats.pending === 0 && after.length === before.length) {
        return {
          deliveries: after.length,
          failedDeliveries: after.filter((d) => d.status === "failed").length,
          stored: stats.stored,
          processed: stats.processed,
          parked: stats.parked,
        };
      }
    }
    if (Date.now() > deadline) throw new Error("the webhook backlog did not drain in time");
    await sleep(20);
  }
}
