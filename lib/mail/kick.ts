import { sendPendingEmails } from "./send-outbox";

type KickState = { running: Promise<void> | null; again: boolean };
const globalForKick = globalThis as typeof globalThis & { __outboxKick?: KickState };
const state = (globalForKick.__outboxKick ??= { running: null, again: false });

/**
 * Sends due outbox rows soon, without waiting: call it after the transaction
 * that queued a message has committed. Kicks while a run is in progress fold
 * into one more run. Never throws and never delays the caller.
 */
export function kickOutbox(): void {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = (async () => {
    do {
      state.again = false;
      await sendPendingEmails();
    } while (state.again);
  })()
    .catch((error: unknown) =>
      console.error("[mail] outbox run failed:", error instanceof Error ? error.message : error),
    )
    .finally(() => {
      state.running = null;
    });
}

/** Resolves when the current run (if any) is over (tests, shutdown). */
export async function outboxIdle(): Promise<void> {
  while (state.running) await state.running;
}
