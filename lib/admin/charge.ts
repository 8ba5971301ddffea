import Stripe from "stripe";
import type { AdminIdentity } from "@/lib/auth/guard";
import { appendAudit } from "@/lib/db/admin-audit";
import { claimAdminPayment, recordAdminPaymentResult } from "@/lib/db/admin-payments";
import { findConsentById } from "@/lib/db/consents";
import { isWallet, WALLET_CURRENCIES } from "@/lib/mandate/wallets";
import { describeStripeError } from "@/lib/stripe/errors";
import { failureCodeOf } from "@/lib/stripe/failure-reasons";
import { stripe } from "@/lib/stripe/server";
import { isAdminRefusal, type AdminRefusal } from "./refusals";

export interface ChargeInput {
  actionId: string;
  consentId: string;
  /** In the currency's minor unit. */
  amount: number;
  currency: string;
  description: string;
}

export type ChargeResult =
  | { kind: "succeeded" | "processing"; paymentIntentId: string }
  | { kind: "requires_action"; paymentIntentId: string | null; reason: string; failureCode?: string | null }
  | { kind: "failed"; paymentIntentId: string | null; reason: string; failureCode?: string | null }
  | { kind: "refused"; code: AdminRefusal; reason: string }
  | { kind: "unavailable"; reason: string };

type Refusal = { code: AdminRefusal; reason: string };

const NOT_CHARGEABLE: Refusal = {
  code: "not_chargeable",
  reason: "Only an active saved-wallet mandate can be charged.",
};

/** Why a consent cannot be charged off-session now, or null when it can. */
async function refusal(
  consent: NonNullable<Awaited<ReturnType<typeof findConsentById>>>,
  currency: string,
): Promise<Refusal | null> {
  if (consent.status !== "active" || !consent.paymentMethodId || !consent.customer.stripeCustomerId)
    return NOT_CHARGEABLE;
  if (!isWallet(consent.paymentMethodType))
    return { code: "not_wallet", reason: "Only a saved wallet (Amazon Pay, Kakao Pay) is charged from here." };
  if (!WALLET_CURRENCIES[consent.paymentMethodType].includes(currency))
    return {
      code: "wallet_currency",
      reason: `${consent.paymentMethodType} cannot be charged in ${currency.toUpperCase()}.`,
    };
  if (consent.mandateId) {
    // The record may lag behind Stripe (a revocation whose webhook has not arrived): ask Stripe.
    const mandate = await stripe().mandates.retrieve(consent.mandateId);
    if (mandate.status !== "active")
      return { code: "mandate_inactive", reason: `The mandate is ${mandate.status} at Stripe.` };
  }
  return null;
}

function outcomeOf(intent: Stripe.PaymentIntent): ChargeResult {
  if (intent.status === "succeeded") return { kind: "succeeded", paymentIntentId: intent.id };
  if (intent.status === "processing") return { kind: "processing", paymentIntentId: intent.id };
  if (intent.status === "requires_action") {
    return { kind: "requires_action", paymentIntentId: intent.id, reason: "The customer must authorise this payment." };
  }
  return {
    kind: "failed",
    paymentIntentId: intent.id,
    reason: intent.last_payment_error?.message ?? `Payment ${intent.status}.`,
    failureCode: failureCodeOf(intent.last_payment_error),
  };
}

/** A declined or authentication-required off-session charge comes back as an error carrying the PaymentIntent. */
function outcomeOfError(error: unknown): ChargeResult {
  if (error instanceof Stripe.errors.StripeCardError) {
    const intent = (error.raw as { payment_intent?: Stripe.PaymentIntent }).payment_intent ?? null;
    const reason = [error.code, error.decline_code, error.message].filter(Boolean).join(": ");
    const failureCode = failureCodeOf(error);
    if (error.code === "authentication_required" || intent?.status === "requires_action") {
      return { kind: "requires_action", paymentIntentId: intent?.id ?? null, reason, failureCode };
    }
    return { kind: "failed", paymentIntentId: intent?.id ?? null, reason, failureCode };
  }
  const described = describeStripeError(error);
  return described.retryable
    ? { kind: "unavailable", reason: described.message }
    : { kind: "failed", paymentIntentId: null, reason: described.message };
}

const STORED_OUTCOME: Record<string, ChargeResult["kind"]> = {
  succeeded: "succeeded",
  processing: "processing",
  requires_action: "requires_action",
  failed: "failed",
};

/**
 * Charges a saved wallet off-session under its mandate (seed 000, "later
 * payments"). The admin's action id claims one AdminPayment row; the Stripe
 * request's idempotency key is derived from it, so a double submit, a reload or
 * a retry after a timeout sends the same request and charges once.
 */
export async function chargeSavedWallet(admin: AdminIdentity, input: ChargeInput): Promise<ChargeResult> {
  const audit = (result: ChargeResult) =>
    appendAudit({
      actionId: input.actionId,
      adminId: admin.userId,
      adminEmail: admin.email,
      action: "charge",
      targetType: "consent",
      targetId: input.consentId,
      outcome: result.kind === "unavailable" ? "failed" : result.kind,
      detail: `${input.amount} ${input.currency} "${input.description}"${"reason" in result ? `: ${result.reason}` : ""}${"paymentIntentId" in result && result.paymentIntentId ? ` (${result.paymentIntentId})` : ""}`,
    });

  const consent = await findConsentById(input.consentId);
  if (!consent) return { kind: "refused", code: "no_such_mandate", reason: "No such mandate." };

  const { payment, created } = await claimAdminPayment({
    actionId: input.actionId,
    consentId: consent.id,
    adminUserId: admin.userId,
    amount: input.amount,
    currency: input.currency,
    description: input.description,
  });
  if (payment.consentId !== consent.id || payment.amount !== input.amount || payment.currency !== input.currency) {
    return {
      kind: "refused",
      code: "form_reused",
      reason: "This form was already used for a different charge. Reload and try again.",
    };
  }
  if (!created && STORED_OUTCOME[payment.status]) {
    // Already answered: show the same result, charge nothing.
    const kind = STORED_OUTCOME[payment.status]!;
    if (kind === "succeeded" || kind === "processing") return { kind, paymentIntentId: payment.paymentIntentId! };
    return {
      kind,
      paymentIntentId: payment.paymentIntentId,
      reason: payment.failureMessage ?? "",
      failureCode: payment.failureCode,
    } as ChargeResult;
  }
  if (payment.status === "refused") {
    const code = isAdminRefusal(payment.failureCode) ? payment.failureCode : NOT_CHARGEABLE.code;
    return { kind: "refused", code, reason: payment.failureMessage ?? NOT_CHARGEABLE.reason };
  }

  let why: Refusal | null;
  try {
    why = await refusal(consent, input.currency);
  } catch (error) {
    return { kind: "unavailable", reason: describeStripeError(error).message };
  }
  if (why) {
    await recordAdminPaymentResult(payment.id, {
      status: "refused",
      failureCode: why.code,
      failureMessage: why.reason,
    });
    const result: ChargeResult = { kind: "refused", ...why };
    await audit(result);
    return result;
  }

  let result: ChargeResult;
  try {
    const intent = await stripe().paymentIntents.create(
      {
        amount: input.amount,
        currency: input.currency,
        customer: consent.customer.stripeCustomerId!,
        payment_method: consent.paymentMethodId!,
        allowed_payment_method_types: [consent.paymentMethodType],
        description: input.description,
        off_session: true,
        confirm: true,
        metadata: { consent_id: consent.id, admin_payment_id: payment.id },
      },
      { idempotencyKey: `admin-charge:${input.actionId}` },
    );
    result = outcomeOf(intent);
  } catch (error) {
    result = outcomeOfError(error);
  }
  if (result.kind !== "unavailable" && result.kind !== "refused") {
    // "unavailable" leaves the row pending: a retry of the same form re-sends the same idempotent request.
    await recordAdminPaymentResult(payment.id, {
      status: result.kind,
      paymentIntentId: "paymentIntentId" in result ? result.paymentIntentId : null,
      failureMessage: "reason" in result ? result.reason : null,
      failureCode: "failureCode" in result ? result.failureCode : null,
    });
  }
  // "unavailable" is not an outcome yet (nothing recorded, the retry finishes it): the retry is what gets audited.
  if (result.kind !== "unavailable") await audit(result);
  return result;
}
