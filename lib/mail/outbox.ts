import type { Db, DbTransaction } from "@/lib/db/client";
import type { EmailMessage } from "./kinds";

export type { EmailKind, EmailMessage, EmailData } from "./kinds";
export { kickOutbox } from "./kick";

/**
 * Queues an email in the caller's transaction (pass the transaction client), so
 * the message exists exactly when the change it announces is committed. The
 * dedupe key is unique in the database: queueing a key that already exists
 * (a webhook replay, a second return-page load) changes nothing. Delivery
 * happens after commit (lib/mail/send-outbox.ts); call `kickOutbox()` once the
 * transaction has committed to send it right away, otherwise the periodic
 * sweep picks it up.
 */
export async function queueEmail(client: Db | DbTransaction, message: EmailMessage): Promise<void> {
  // An upsert with nothing to update is an INSERT … ON CONFLICT on both
  // databases: no unique-violation error that would abort a PostgreSQL transaction.
  await client.outboxEmail.upsert({
    where: { dedupeKey: message.dedupeKey },
    create: {
      dedupeKey: message.dedupeKey,
      kind: message.kind,
      toAddress: message.to,
      locale: message.locale,
      data: JSON.stringify(message.data),
    },
    update: {},
  });
}
