import type { MandateFilter } from "@/lib/db/admin-mandates";
import { EXPORT_COLUMNS, openMandateExport, type MandateExport } from "@/lib/db/admin-export";
import { csvLine } from "./csv-cell";

/** The CSV's header name of each exported column (every column named, in EXPORT_COLUMNS order). */
const HEADER_NAMES: Record<(typeof EXPORT_COLUMNS)[number], string> = {
  id: "consent_id",
  acceptedAt: "accepted_at",
  email: "customer_email",
  stripeCustomerId: "stripe_customer_id",
  status: "status",
  statusReason: "status_reason",
  paymentMethodType: "payment_method_type",
  purpose: "purpose",
  termsLocale: "terms_locale",
  termsVersion: "terms_version",
  termsSha256: "terms_sha256",
  ipAddress: "ip_address",
  userAgent: "user_agent",
  setupIntentId: "setup_intent_id",
  paymentMethodId: "payment_method_id",
  mandateId: "mandate_id",
  priceId: "price_id",
  offer: "offer",
};
const HEADER = EXPORT_COLUMNS.map((column) => HEADER_NAMES[column]);

/** The CSV's text, one batch at a time (header first); nothing holds more than a batch. */
async function* csvChunks(source: MandateExport): AsyncGenerator<string> {
  try {
    yield csvLine(HEADER);
    for await (const batch of source.batches()) {
      let text = "";
      for (const row of batch) text += csvLine(row);
      yield text;
    }
  } finally {
    await source.close();
  }
}

/** The CSV of a filter as text chunks (tests, scripts). */
export async function* mandatesCsvChunks(filter: MandateFilter): AsyncGenerator<string> {
  yield* csvChunks(await openMandateExport(filter));
}

/**
 * The export of a filter: the rows are counted first (the count goes in the
 * file name), then streamed from the same read transaction. The stream pulls
 * the next batch only when the client has taken the last one (backpressure);
 * a client that goes away cancels it, which closes the database cursor.
 */
export async function mandatesCsvExport(filter: MandateFilter, now = new Date()) {
  const source = await openMandateExport(filter);
  const chunks = csvChunks(source);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        await source.close();
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
      await source.close();
    },
  });
  const date = now.toISOString().slice(0, 10);
  return { count: source.count, filename: `mandates-${date}-${source.count}-rows.csv`, stream };
}
