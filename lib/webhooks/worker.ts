/**
 * The inbox worker: claims due events in batches, applies them (the events of
 * one object one after another, oldest first; different objects in parallel),
 * retries failures with backoff and parks an event after too many attempts.
 * One runs in each app process (instrumentation.ts); several processes on one
 * PostgreSQL share the inbox through SKIP LOCKED claims.
 */
import { randomUUID } from "node:crypto";
import {
  claimWebhookEvents,
  completeWebhookEvents,
  failWebhookEvent,
  releaseWebhookEvents,
  type ClaimedEvent,
} from "@/lib/db/webhook-inbox";
import { REREAD_ONLY_TYPES } from "./handlers";
import { applyStripeEvent } from "./process-event";

export interface WorkerOptions {
  /** Events claimed per batch. */
  batchSize: number;
  /** Objects whose events are applied at the same time (each makes Stripe calls: Stripe limits requests per second). */
  concurrency: number;
  /** Attempts before an event is parked. */
  maxAttempts: number;
  /** Delay before the first retry; doubled per attempt, capped at maxBackoffMs. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** A claim older than this is considered abandoned (its worker died) and taken over. */
  leaseMs: number;
  /** How often an idle worker looks for due retries and other instances' events. */
  pollMs: number;
}

function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

export function workerOptionsFromEnv(): WorkerOptions {
  return {
    batchSize: intFromEnv("WEBHOOK_WORKER_BATCH", 128),
    concurrency: intFromEnv("WEBHOOK_WORKER_CONCURRENCY", 16),
    maxAttempts: intFromEnv("WEBHOOK_MAX_ATTEMPTS", 8),
    baseBackoffMs: intFromEnv("WEBHOOK_RETRY_BASE_MS", 2_000),
    maxBackoffMs: 60 * 60_000,
    leaseMs: 5 * 60_000,
    pollMs: intFromEnv("WEBHOOK_WORKER_POLL_MS", 1_000),
  };
}

export function retryDelayMs(attempts: number, options: Pick<WorkerOptions, "baseBackoffMs" | "maxBackoffMs">): number {
  return Math.min(options.baseBackoffMs * 2 ** Math.max(0, attempts - 1), options.maxBackoffMs);
}

interface WorkerState {
  id: string;
  options: WorkerOptions;
  running: boolean;
  draining: Promise<number> | null;
  again: boolean;
  timer: NodeJS.Timeout | null;
}

const globalForWorker = globalThis as typeof globalThis & { __inboxWorker?: WorkerState };

/**
 * Applies a run of claimed events of one object: one handler run (every event
 * in a run re-reads the same object, see REREAD_ONLY_TYPES), then each event is
 * marked applied (together), or each is released for a retry with the error.
 */
async function applyRun(run: ClaimedEvent[], state: WorkerState): Promise<void> {
  try {
    await applyStripeEvent(run.at(-1)!.payload);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const event of run) {
      const park = event.attempts >= state.options.maxAttempts;
      const retryAt = park ? null : new Date(Date.now() + retryDelayMs(event.attempts, state.options));
      console.error(
        `webhook ${event.id} (${event.type}) attempt ${event.attempts} failed${park ? ", parked" : ""}: ${message}`,
      );
      await failWebhookEvent(event.id, state.id, message, retryAt);
    }
    return;
  }
  await completeWebhookEvents(
    run.map((event) => event.id),
    state.id,
  );
}

/** Splits one object's events (oldest first) into runs: consecutive re-read-only events share one, any other event is alone. */
export function runsOf(events: ClaimedEvent[]): ClaimedEvent[][] {
  const runs: ClaimedEvent[][] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (last && REREAD_ONLY_TYPES.has(event.type) && REREAD_ONLY_TYPES.has(last.at(-1)!.type)) last.push(event);
    else runs.push([event]);
  }
  return runs;
}

/** One batch: events grouped by object, each group in order, up to `concurrency` groups in parallel. */
async function runBatch(state: WorkerState): Promise<number> {
  const claimed = await claimWebhookEvents(state.id, state.options.batchSize, state.options.leaseMs);
  const groups = new Map<string, ClaimedEvent[]>();
  for (const event of claimed) {
    const key = event.objectId ?? event.id;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  // Past half the lease (Stripe slow or down) the runs not started go back, so another worker does not take over
  // a claim still in use (unless one run alone outlasts half the lease).
  const deadline = Date.now() + state.options.leaseMs / 2;
  let applied = false;
  const applyGroup = async (group: ClaimedEvent[]) => {
    const runs = runsOf(group);
    for (const [i, run] of runs.entries()) {
      // One run at least per batch, so a slow Stripe still makes progress.
      if (applied && Date.now() > deadline) {
        await releaseWebhookEvents(
          runs.slice(i).flatMap((rest) => rest.map((event) => event.id)),
          state.id,
        );
        return;
      }
      applied = true;
      await applyRun(run, state);
    }
  };
  // At most `concurrency` groups at a time, each taking the next group when it finishes.
  const waiting = [...groups.values()];
  const lane = async () => {
    for (let group = waiting.shift(); group; group = waiting.shift()) await applyGroup(group);
  };
  await Promise.all(Array.from({ length: Math.min(state.options.concurrency, waiting.length) }, lane));
  return claimed.length;
}

async function drain(state: WorkerState): Promise<number> {
  let total = 0;
  do {
    state.again = false;
    for (;;) {
      const count = await runBatch(state);
      total += count;
      if (count === 0) break;
    }
  } while (state.again);
  return total;
}

function drainSoon(state: WorkerState): Promise<number> {
  if (state.draining) {
    state.again = true;
    return state.draining;
  }
  state.draining = drain(state)
    .catch((error: unknown) => {
      console.error("webhook inbox worker:", error instanceof Error ? error.message : error);
      return 0;
    })
    .finally(() => {
      state.draining = null;
    });
  return state.draining;
}

function schedule(state: WorkerState): void {
  if (!state.running) return;
  state.timer = setTimeout(() => {
    void drainSoon(state).finally(() => schedule(state));
  }, state.options.pollMs);
  state.timer.unref();
}

function newState(options: Partial<WorkerOptions>, running: boolean): WorkerState {
  return {
    id: `worker_${randomUUID()}`,
    options: { ...workerOptionsFromEnv(), ...options },
    running,
    draining: null,
    again: false,
    timer: null,
  };
}

/** Starts this process's worker (idempotent). */
export function startInboxWorker(options: Partial<WorkerOptions> = {}): void {
  if (globalForWorker.__inboxWorker?.running) return;
  const state = newState(options, true);
  globalForWorker.__inboxWorker = state;
  schedule(state);
  void drainSoon(state);
}

/** Wakes the worker right away (a new event was stored); a no-op when no worker runs in this process. */
export function kickInboxWorker(): void {
  const state = globalForWorker.__inboxWorker;
  if (state?.running) void drainSoon(state);
}

/**
 * Claims and applies due events as a worker of its own (as another instance
 * would) until a claim finds nothing; resolves with how many it applied. For
 * tests and scripts; starts no timer.
 */
export function drainInbox(options: Partial<WorkerOptions> = {}): Promise<number> {
  return drain(newState(options, false));
}

/** Stops the worker and waits for the batch in hand. */
export async function stopInboxWorker(): Promise<void> {
  const state = globalForWorker.__inboxWorker;
  if (!state) return;
  state.running = false;
  if (state.timer) clearTimeout(state.timer);
  if (state.draining) await state.draining;
  globalForWorker.__inboxWorker = undefined;
}
