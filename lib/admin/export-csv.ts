import { countMandates, type MandateFilter } from "@/lib/db/admin-mandates";
import { iterateMandatesForExport, type MandateExportRow } from "@/lib/db/admin-export";
import { csvLine } from "./csv-cell";

const HEADER = [
  "consent_id",
  "accepted_at",
  "customer_email",
  "stripe_customer_id",
  "status",
  "status_reason",
  "payment_method_type",
  "purpose",
  "terms_locale",
  "terms_version",
  "terms_sha256",
  "ip_address",
  "user_agent",
  "setup_intent_id",
  "payment_method_id",
  "mandate_id",
  "price_id",
  "offer",
];

function toLine(row: MandateExportRow): string {
  return csvLine([
    row.id,
    row.acceptedAt,
    row.email,
    row.stripeCustomerId,
    row.status,
    row.statusReason,
    row.paymentMethodType,
    row.purpose,
    row.termsLocale,
    row.termsVersion,
    row.termsSha256,
    row.ipAddress,
    row.userAgent,
    row.setupIntentId,
    row.paymentMethodId,
    row.mandateId,
    row.priceId,
    row.offer,
  ]);
}

/** The CSV's text, one keyset batch at a time (header first); nothing holds more than a batch. */
export async function* mandatesCsvChunks(filter: MandateFilter): AsyncGenerator<string> {
  yield csvLine(HEADER);
  for await (const batch of iterateMandatesForExport(filter)) {
    yield batch.map(toLine).join("");
  }
}

/**
 * The export of a filter: the rows are counted first (the count goes in the
 * file name), then streamed. The stream pulls the next batch only when the
 * client has taken the last one.
 */
export async function mandatesCsvExport(filter: MandateFilter, now = new Date()) {
  const count = await countMandates(filter);
  const chunks = mandatesCsvChunks(filter);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const date = now.toISOString().slice(0, 10);
  return { count, filename: `mandates-${date}-${count}-rows.csv`, stream };
}
