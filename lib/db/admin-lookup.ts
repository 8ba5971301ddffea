import { db } from "./client";

export type StripeIdTarget = { kind: "consent"; id: string } | { kind: "customer"; id: string };

/** The Stripe id prefixes the admin search understands. */
export const STRIPE_ID_PREFIXES = ["cus_", "seti_", "pm_", "mandate_", "sub_", "pi_", "in_"] as const;

export function looksLikeStripeId(text: string): boolean {
  return /^[a-z]+_[A-Za-z0-9_]+$/.test(text) && STRIPE_ID_PREFIXES.some((prefix) => text.startsWith(prefix));
}

/**
 * The record a pasted Stripe id belongs to, found through the unique or indexed
 * column its prefix names; null when it is not one of ours.
 */
export async function findByStripeId(stripeId: string): Promise<StripeIdTarget | null> {
  const consent = (id: string | null | undefined): StripeIdTarget | null => (id ? { kind: "consent", id } : null);
  const newest = { orderBy: [{ acceptedAt: "desc" as const }, { id: "desc" as const }], select: { id: true } };
  if (stripeId.startsWith("cus_")) {
    const customer = await db().customer.findUnique({ where: { stripeCustomerId: stripeId }, select: { id: true } });
    return customer ? { kind: "customer", id: customer.id } : null;
  }
  if (stripeId.startsWith("seti_")) {
    const row = await db().mandateConsent.findUnique({ where: { setupIntentId: stripeId }, select: { id: true } });
    return consent(row?.id);
  }
  if (stripeId.startsWith("pm_")) {
    return consent((await db().mandateConsent.findFirst({ where: { paymentMethodId: stripeId }, ...newest }))?.id);
  }
  if (stripeId.startsWith("mandate_")) {
    return consent((await db().mandateConsent.findFirst({ where: { mandateId: stripeId }, ...newest }))?.id);
  }
  if (stripeId.startsWith("sub_")) {
    const row = await db().subscription.findUnique({
      where: { stripeSubscriptionId: stripeId },
      select: { consentId: true },
    });
    return consent(row?.consentId);
  }
  if (stripeId.startsWith("pi_")) {
    const charged = await db().adminPayment.findUnique({
      where: { paymentIntentId: stripeId },
      select: { consentId: true },
    });
    if (charged) return consent(charged.consentId);
    const invoicePayment = await db().subscriptionPayment.findFirst({
      where: { paymentIntentId: stripeId },
      select: { subscription: { select: { consentId: true } } },
    });
    return consent(invoicePayment?.subscription.consentId);
  }
  if (stripeId.startsWith("in_")) {
    const row = await db().subscriptionPayment.findUnique({
      where: { stripeInvoiceId: stripeId },
      select: { subscription: { select: { consentId: true } } },
    });
    return consent(row?.subscription.consentId);
  }
  return null;
}
