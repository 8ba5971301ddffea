import { mailConfig } from "./config";
import { kickOutbox } from "./kick";

const globalForSweep = globalThis as typeof globalThis & { __outboxSweep?: NodeJS.Timeout };

/**
 * Started once at server start (instrumentation.ts): sends what is due every
 * MAIL_SWEEP_MS — messages whose kick was lost (a crash after commit) and
 * retries after an SMTP failure.
 */
export function startOutboxSweep(): void {
  if (globalForSweep.__outboxSweep) return;
  const { sweepMs, smtpUrl } = mailConfig();
  if (!smtpUrl) {
    console.warn("[mail] SMTP_URL is not set: emails are queued in the outbox but not sent.");
    return;
  }
  globalForSweep.__outboxSweep = setInterval(kickOutbox, sweepMs);
  globalForSweep.__outboxSweep.unref();
  kickOutbox();
}
