import type { ErrorCode } from "@/lib/i18n/error-message";
import type { Locale } from "@/lib/i18n/locales";
import type { RequestContext } from "@/lib/http/request-context";
import { findOrCreateCustomer } from "@/lib/db/customers";
import { consentEvidence, createPendingConsent } from "@/lib/db/consents";
import { renderTerms, CURRENT_TERMS_VERSION } from "@/lib/mandate/terms";
import type { Wallet } from "@/lib/mandate/wallets";
import { firstChargeDate, type OfferId } from "@/lib/catalogue/offers";
import { formatDate } from "@/lib/i18n/dates";
import { takeConsentAttempt } from "@/lib/rate-limit/limiters";

export interface ConsentInput {
  submissionId: string;
  email: string;
  wallet: Wallet;
  locale: Locale;
  termsVersion: string;
  /** Present when the wallet is saved to pay this plan (seeds 002/004); absent to save it for later (seeds 000/001). */
  plan?: { priceId: string; amountLabel: string; offer?: OfferId | null };
}

export type RecordedConsent =
  | {
      ok: true;
      customer: Awaited<ReturnType<typeof findOrCreateCustomer>>;
      consent: Awaited<ReturnType<typeof createPendingConsent>>["consent"];
      purpose: "subscription" | "save_wallet";
    }
  | { ok: false; customerId?: string; error: string; code: ErrorCode };

/**
 * The customer and the pending consent record with the exact terms they ticked,
 * written before anything leaves the server. A repeated submission returns the
 * record the first one wrote; one with other details is refused.
 */
export async function recordWalletConsent(input: ConsentInput, request: RequestContext): Promise<RecordedConsent> {
  // Before anything is written or sent to Stripe: a refused burst creates nothing.
  if (!(await takeConsentAttempt(input.email, request.ipAddress)).ok) {
    return {
      ok: false,
      code: "rate_limited",
      error: "Too many consent submissions from this address or for this email.",
    };
  }
  const purpose = input.plan ? "subscription" : "save_wallet";
  const offer = input.plan?.offer ?? null;
  const termsPurpose = offer ? "deferred_subscription" : purpose;
  if (input.termsVersion !== CURRENT_TERMS_VERSION[termsPurpose]) {
    return {
      ok: false,
      code: "terms_changed",
      error: "The terms have changed since the page was loaded. Please read them again.",
    };
  }
  const acceptedAt = new Date();
  const terms = renderTerms({
    purpose: termsPurpose,
    locale: input.locale,
    wallet: input.wallet,
    amount: input.plan?.amountLabel,
    firstCharge: offer ? formatDate(firstChargeDate(offer, acceptedAt), input.locale) : undefined,
  });
  const customer = await findOrCreateCustomer(input.email, input.locale);

  const { consent } = await createPendingConsent({
    submissionId: input.submissionId,
    customerId: customer.id,
    paymentMethodType: input.wallet,
    purpose,
    priceId: input.plan?.priceId ?? null,
    offer,
    ...consentEvidence(terms, acceptedAt, request),
  });
  if (consent.customerId !== customer.id || consent.paymentMethodType !== input.wallet || consent.purpose !== purpose) {
    return {
      ok: false,
      code: "form_conflict",
      error: "This form was already submitted with other details. Please reload the page.",
    };
  }
  return { ok: true, customer, consent, purpose };
}
