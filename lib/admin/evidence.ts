import { createHash } from "node:crypto";
import type { MandateEvidence } from "@/lib/db/admin-mandates";
import { describeStripeError } from "@/lib/stripe/errors";
import { stripe } from "@/lib/stripe/server";

/** The stored terms text hashed again: equal to the stored SHA-256, or the record was altered. */
export function integrityOf(consent: { termsText: string; termsSha256: string }) {
  const recomputed = createHash("sha256").update(consent.termsText, "utf8").digest("hex");
  return { recomputed, intact: recomputed === consent.termsSha256 };
}

export type LiveMandateStatus = { status: string } | { status: null; error: string };

/** The mandate's status as Stripe has it now, beside the one we recorded. */
export async function liveMandateStatus(mandateId: string | null): Promise<LiveMandateStatus | null> {
  if (!mandateId) return null;
  try {
    return { status: (await stripe().mandates.retrieve(mandateId)).status };
  } catch (error) {
    return { status: null, error: describeStripeError(error).message };
  }
}

/** The evidence as a JSON document (the download), with its integrity check. */
export function evidenceDocument(consent: MandateEvidence, live: LiveMandateStatus | null) {
  const integrity = integrityOf(consent);
  return {
    consentId: consent.id,
    customer: {
      id: consent.customer.id,
      email: consent.customer.email,
      stripeCustomerId: consent.customer.stripeCustomerId,
    },
    paymentMethodType: consent.paymentMethodType,
    purpose: consent.purpose,
    offer: consent.offer,
    terms: {
      version: consent.termsVersion,
      locale: consent.termsLocale,
      text: consent.termsText,
      sha256Stored: consent.termsSha256,
      sha256Recomputed: integrity.recomputed,
      intact: integrity.intact,
    },
    acceptedAt: consent.acceptedAt.toISOString(),
    ipAddress: consent.ipAddress,
    userAgent: consent.userAgent,
    stripe: {
      setupIntentId: consent.setupIntentId,
      paymentMethodId: consent.paymentMethodId,
      mandateId: consent.mandateId,
      priceId: consent.priceId,
      subscriptionId: consent.subscription?.stripeSubscriptionId ?? null,
    },
    status: { recorded: consent.status, reason: consent.statusReason, liveMandate: live?.status ?? null },
    history: consent.history.map((h) => ({
      from: h.fromStatus,
      to: h.toStatus,
      reason: h.reason,
      source: h.source,
      stripeEventId: h.stripeEventId,
      at: h.occurredAt.toISOString(),
    })),
    charges: [
      ...(consent.subscription?.payments ?? []).map((p) => ({
        kind: "invoice",
        id: p.stripeInvoiceId,
        paymentIntentId: p.paymentIntentId,
        amount: p.amountPaid || p.amountDue,
        currency: p.currency,
        status: p.status,
        at: p.invoiceCreated.toISOString(),
      })),
      ...consent.adminPayments.map((p) => ({
        kind: "off_session_admin",
        id: p.id,
        paymentIntentId: p.paymentIntentId,
        amount: p.amount,
        currency: p.currency,
        status: p.status,
        at: p.createdAt.toISOString(),
      })),
    ],
  };
}
