/**
 * The webhook inbox worker in a process of its own, started by scripts/serve.ts
 * (WEBHOOK_WORKER, default 1): applying events (Stripe re-reads, database
 * writes) never holds up the server that answers Stripe and customers. The
 * server sends "kick" when it stores a new event; the worker also polls for
 * due retries and other instances' events. It stops when the server goes.
 */
// First: a bad configuration stops the worker with one clear line.
import "../lib/startup-check";
import { startInboxWorker, kickInboxWorker, stopInboxWorker } from "../lib/webhooks/worker";

startInboxWorker();
process.on("message", (message) => {
  if (message === "kick") kickInboxWorker();
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void stopInboxWorker().finally(() => process.exit(0));
};
process.on("disconnect", stop);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
