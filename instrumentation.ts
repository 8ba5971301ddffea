/** Runs once when the Next.js server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/startup-check");
  // Emails queued by committed changes are sent in the background, and retried.
  const { startOutboxSweep } = await import("./lib/mail/sweep");
  startOutboxSweep();
  // The webhook inbox worker applies stored events in the background (WEBHOOK_WORKER=0: this instance only ingests).
  if (process.env.WEBHOOK_WORKER !== "0") {
    const { startInboxWorker } = await import("./lib/webhooks/worker");
    startInboxWorker();
  }
}
