import { createHash } from "node:crypto";
import { claimDueEmails, markEmailAttemptFailed, markEmailSent } from "@/lib/db/outbox";
import type { OutboxEmail } from "@/lib/db/models";
import { CLAIM_LEASE_MS, mailConfig, MAX_ATTEMPTS, retryDelayMs, type MailConfig } from "./config";
import { renderEmail } from "./render";
import { smtpTransport } from "./transport";

export interface SendResult {
  sent: number;
  retrying: number;
  failed: number;
}

const BATCH = 20;

/**
 * Delivers the due outbox rows: claims a batch (never a row another sender
 * holds), sends each through SMTP_URL, and records the outcome. A failed
 * attempt is retried with exponential backoff; after MAX_ATTEMPTS the row is
 * marked failed. Errors never escape: the caller is a timer or a request that
 * already committed its work.
 */
export async function sendPendingEmails(options: { appUrl?: string; maxBatches?: number } = {}): Promise<SendResult> {
  const config = mailConfig();
  const result: SendResult = { sent: 0, retrying: 0, failed: 0 };
  if (!config.smtpUrl) return result;
  const appUrl = options.appUrl ?? (process.env.APP_URL || "http://localhost:3000").replace(/\/$/, "");

  for (let batch = 0; batch < (options.maxBatches ?? 10); batch++) {
    const rows = await claimDueEmails(BATCH, CLAIM_LEASE_MS);
    if (rows.length === 0) break;
    for (const row of rows) await deliver(row, config, appUrl, result);
  }
  return result;
}

async function deliver(row: OutboxEmail, config: MailConfig, appUrl: string, result: SendResult): Promise<void> {
  try {
    const email = renderEmail(row, appUrl);
    const info = (await smtpTransport(config.smtpUrl!).sendMail({
      from: config.from,
      to: row.toAddress,
      subject: email.subject,
      text: email.text,
      html: email.html,
      // Stable per message: should a send be repeated after a crash, mail clients can tell it is the same one.
      messageId: `<${createHash("sha256").update(row.dedupeKey).digest("hex").slice(0, 32)}@outbox.lumen>`,
      headers: { "X-Lumen-Email-Kind": row.kind },
    })) as { messageId?: string };
    await markEmailSent(row, info.messageId ?? null);
    result.sent++;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const attempts = row.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      await markEmailAttemptFailed(row, message, { giveUp: true });
      result.failed++;
      console.error(`[mail] ${row.kind} ${row.id} to ${redact(row.toAddress)} failed for good: ${message}`);
    } else {
      await markEmailAttemptFailed(row, message, { retryAt: new Date(Date.now() + retryDelayMs(attempts, config)) });
      result.retrying++;
      console.warn(`[mail] ${row.kind} ${row.id} attempt ${attempts} failed, will retry: ${message}`);
    }
  }
}

/** Logs name the domain only. */
function redact(address: string): string {
  return address.replace(/^[^@]*/, "…");
}
