/**
 * Webhook delivery: each event is serialised once and POSTed, signed, to every
 * enabled endpoint that subscribes to its type. Up to `concurrency` requests at
 * a time per endpoint (Stripe delivers in parallel and does not promise order);
 * first attempts start in event order, or in random order with `shuffle`. A
 * failed delivery is retried with exponential backoff while later events keep
 * flowing (as Stripe does).
 */
import { createHmac } from "node:crypto";
import type Stripe from "stripe";
import type { Store } from "./store.js";
import { newId, nowSeconds } from "./ids.js";

export const MAX_ATTEMPTS = 8;
const REQUEST_TIMEOUT_MS = 10_000;

export interface Delivery {
  id: string;
  event_id: string;
  event_type: string;
  endpoint_id: string;
  url: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created: number;
  next_attempt_at: number | null;
}

interface Queued {
  delivery: Delivery;
  payload: string;
  dueAt: number;
}

export function signPayload(payload: string, secret: string, timestamp = nowSeconds()): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

export function endpointWants(endpoint: Stripe.WebhookEndpoint, type: string): boolean {
  return (
    endpoint.status === "enabled" && (endpoint.enabled_events.includes("*") || endpoint.enabled_events.includes(type))
  );
}

export class WebhookDispatcher {
  private deliveries: Delivery[] = [];
  private queues = new Map<string, Queued[]>();
  private inFlight = new Map<string, Set<Queued>>();
  private timers = new Map<string, NodeJS.Timeout>();
  private controllers = new Set<AbortController>();
  // Bumped by reset/close so stale loops stop touching state.
  private generation = 0;

  constructor(
    private readonly store: Store,
    private readonly options: {
      retryBaseMs: number;
      log: (msg: string) => void;
      /** Requests in flight per endpoint (default 4). */
      concurrency?: number;
      /** Start due deliveries in random order instead of event order. */
      shuffle?: boolean;
    },
  ) {}

  /** Sets `pending_webhooks`, serialises the event once and queues it. */
  enqueue(event: Stripe.Event): void {
    const endpoints = this.store.webhookEndpoints
      .newestFirst()
      .reverse()
      .filter((e) => endpointWants(e, event.type));
    event.pending_webhooks = endpoints.length;
    if (endpoints.length === 0) return;
    const payload = JSON.stringify(event, null, 2);
    for (const endpoint of endpoints) {
      const delivery: Delivery = {
        id: newId("whdel"),
        event_id: event.id,
        event_type: event.type,
        endpoint_id: endpoint.id,
        url: endpoint.url,
        status: "pending",
        attempts: 0,
        last_status: null,
        last_error: null,
        created: nowSeconds(),
        next_attempt_at: null,
      };
      this.deliveries.push(delivery);
      const queue = this.queues.get(endpoint.id) ?? [];
      queue.push({ delivery, payload, dueAt: 0 });
      this.queues.set(endpoint.id, queue);
      this.schedule(endpoint.id, 0);
    }
  }

  log(): Delivery[] {
    return this.deliveries.map((d) => ({ ...d }));
  }

  /** Drops queued deliveries for an endpoint that was deleted. */
  forgetEndpoint(endpointId: string): void {
    for (const q of this.queues.get(endpointId) ?? []) {
      q.delivery.status = "failed";
      q.delivery.last_error = "endpoint deleted";
      q.delivery.next_attempt_at = null;
    }
    this.queues.delete(endpointId);
  }

  reset(): void {
    this.generation++;
    for (const t of this.timers.values()) clearTimeout(t);
    for (const c of this.controllers) c.abort();
    this.timers.clear();
    this.controllers.clear();
    this.queues.clear();
    this.inFlight.clear();
    this.deliveries = [];
  }

  close(): void {
    this.reset();
  }

  private schedule(endpointId: string, delayMs: number): void {
    const existing = this.timers.get(endpointId);
    if (existing) clearTimeout(existing);
    const generation = this.generation;
    const timer = setTimeout(() => {
      this.timers.delete(endpointId);
      if (generation === this.generation) this.pump(endpointId);
    }, delayMs);
    this.timers.set(endpointId, timer);
  }

  /** Starts due deliveries up to the concurrency limit; each finished attempt pumps again. */
  private pump(endpointId: string): void {
    const generation = this.generation;
    const queue = this.queues.get(endpointId);
    if (!queue) return;
    const running = this.inFlight.get(endpointId) ?? new Set<Queued>();
    this.inFlight.set(endpointId, running);
    const limit = Math.max(1, this.options.concurrency ?? 4);
    const now = Date.now();
    while (running.size < limit) {
      const due = queue.filter((q) => q.dueAt <= now && !running.has(q));
      if (due.length === 0) break;
      const next = this.options.shuffle ? due[Math.floor(Math.random() * due.length)]! : due[0]!;
      running.add(next);
      void this.attempt(endpointId, next).then((ok) => {
        running.delete(next);
        if (generation !== this.generation) return;
        this.settle(queue, next, ok);
        this.pump(endpointId);
      });
    }
    const waiting = queue.filter((q) => q.dueAt > now && !running.has(q));
    if (waiting.length > 0) this.schedule(endpointId, Math.min(...waiting.map((q) => q.dueAt)) - now);
  }

  private settle(queue: Queued[], next: Queued, ok: boolean): void {
    const d = next.delivery;
    if (ok || d.attempts >= MAX_ATTEMPTS) {
      queue.splice(queue.indexOf(next), 1);
      d.next_attempt_at = null;
      d.status = ok ? "succeeded" : "failed";
      if (ok) {
        const event = this.store.events.get(d.event_id);
        if (event && event.pending_webhooks > 0) event.pending_webhooks -= 1;
      } else {
        this.options.log(
          `webhook ${d.event_type} (${d.event_id}) to ${d.url} failed after ${d.attempts} attempts; giving up`,
        );
      }
    } else {
      next.dueAt = Date.now() + this.options.retryBaseMs * 2 ** (d.attempts - 1);
      d.next_attempt_at = Math.floor(next.dueAt / 1000);
    }
  }

  private async attempt(endpointId: string, queued: Queued): Promise<boolean> {
    const d = queued.delivery;
    const secret = this.store.internal.webhookSecrets[endpointId];
    const endpoint = this.store.webhookEndpoints.get(endpointId);
    d.attempts += 1;
    if (!secret || !endpoint) {
      d.last_error = "endpoint deleted";
      d.attempts = MAX_ATTEMPTS;
      return false;
    }
    const controller = new AbortController();
    this.controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const res = await fetch(endpoint.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "Stripe-Signature": signPayload(queued.payload, secret),
          Accept: "*/*; q=0.5, application/xml",
          "Cache-Control": "no-cache",
        },
        body: queued.payload,
        signal: controller.signal,
        redirect: "manual",
      });
      await res.arrayBuffer().catch(() => undefined);
      d.last_status = res.status;
      d.last_error = res.ok ? null : `HTTP ${res.status}`;
      return res.ok;
    } catch (err) {
      d.last_status = null;
      d.last_error =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      return false;
    } finally {
      clearTimeout(timeout);
      this.controllers.delete(controller);
    }
  }
}
