import type { Locale } from "@/lib/i18n/locales";

/** Every email the product sends. The data each one carries is stored with the outbox row as JSON. */
export interface EmailData {
  /** A one-time sign-in code (and optionally a link that signs in with it). */
  sign_in_code: { code: string; link?: string };
  /** A wallet or card mandate became active: the exact terms the customer agreed to. */
  mandate_confirmation: {
    paymentMethodType: string;
    termsText: string;
    termsVersion: string;
    /** ISO timestamp of the consent. */
    acceptedAt: string;
    mandateId: string | null;
  };
  /** A paid invoice: the first payment or a renewal. */
  receipt: {
    invoiceId: string;
    amount: number;
    currency: string;
    /** ISO timestamp of the payment. */
    paidAt: string;
    paymentMethodType: string;
    renewal: boolean;
  };
  /** A renewal charged off-session failed; the customer must fix the payment method. */
  renewal_failed: {
    invoiceId: string;
    /** Our subscription id (the fix page's), not Stripe's. */
    subscriptionId: string;
    amount: number;
    currency: string;
    paymentMethodType: string;
  };
  /** A trial ends soon (Stripe's customer.subscription.trial_will_end, three days before). */
  trial_ending: { trialEnd: string; amount: number; currency: string; paymentMethodType: string };
  /** An admin revoked the mandate (issue 8): the method will not be charged again. */
  mandate_revoked: { paymentMethodType: string; reason: string };
}

export type EmailKind = keyof EmailData;

export const EMAIL_KINDS = [
  "sign_in_code",
  "mandate_confirmation",
  "receipt",
  "renewal_failed",
  "trial_ending",
  "mandate_revoked",
] as const satisfies readonly EmailKind[];

/** One message to queue. `dedupeKey` is unique: queueing the same key again is a no-op. */
export type EmailMessage = {
  [K in EmailKind]: { to: string; locale: Locale; kind: K; dedupeKey: string; data: EmailData[K] };
}[EmailKind];

export function isEmailKind(value: string): value is EmailKind {
  return (EMAIL_KINDS as readonly string[]).includes(value);
}
