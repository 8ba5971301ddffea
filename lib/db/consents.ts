import { db, type DbTransaction } from "./client";
import type { MandateConsent } from "./models";
import { committedRow } from "./committed-read";
import { isUniqueViolation } from "./errors";
import { canTransition, type ConsentStatus } from "@/lib/consents/status";
import { kickOutbox } from "@/lib/mail/kick";
import { queueMandateConfirmation } from "@/lib/mail/notices";

export interface NewConsent {
  submissionId: string;
  customerId: string;
  paymentMethodType: string;
  purpose: string;
  termsVersion: string;
  termsLocale: string;
  termsText: string;
  termsSha256: string;
  acceptedAt: Date;
  ipAddress: string;
  userAgent: string;
  priceId?: string | null;
  offer?: string | null;
  forSubscriptionId?: string | null;
}

/** The evidence fields of a consent: the exact terms shown, and when and from where they were accepted. */
export function consentEvidence(
  terms: { version: string; locale: string; text: string; sha256: string },
  acceptedAt: Date,
  request: { ipAddress: string; userAgent: string },
) {
  return {
    termsVersion: terms.version,
    termsLocale: terms.locale,
    termsText: terms.text,
    termsSha256: terms.sha256,
    acceptedAt,
    ipAddress: request.ipAddress,
    userAgent: request.userAgent,
  };
}

/**
 * Writes the pending consent and its first history row. A repeated submission
 * (double click, retry) returns the record the first one wrote.
 */
export async function createPendingConsent(consent: NewConsent) {
  try {
    return await db().$transaction(async (tx) => {
      const created = await tx.mandateConsent.create({ data: { ...consent, status: "pending" } });
      await tx.consentStatusChange.create({
        data: { consentId: created.id, fromStatus: null, toStatus: "pending", source: "consent_form" },
      });
      return { consent: created, created: true };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db().mandateConsent.findUnique({ where: { submissionId: consent.submissionId } });
    if (!existing) throw error;
    return { consent: existing, created: false };
  }
}

export function findConsentById(id: string) {
  return db().mandateConsent.findUnique({ where: { id }, include: { customer: true } });
}

export function findConsentBySetupIntent(setupIntentId: string) {
  return db().mandateConsent.findUnique({ where: { setupIntentId }, include: { customer: true } });
}

export function findConsentByCheckoutSession(checkoutSessionId: string) {
  return db().mandateConsent.findUnique({ where: { checkoutSessionId }, include: { customer: true } });
}

/** Links the consent to its Checkout Session once; the unique column keeps one consent per session. */
export async function recordCheckoutSession(consentId: string, checkoutSessionId: string) {
  await db().mandateConsent.updateMany({
    where: { id: consentId, checkoutSessionId: null },
    data: { checkoutSessionId },
  });
}

export function findConsentsByPaymentMethod(paymentMethodId: string) {
  return db().mandateConsent.findMany({ where: { paymentMethodId } });
}

export function findConsentsByMandate(mandateId: string) {
  return db().mandateConsent.findMany({ where: { mandateId } });
}

export function consentHistory(consentId: string) {
  return db().consentStatusChange.findMany({ where: { consentId }, orderBy: { occurredAt: "asc" } });
}

export async function recordSetupIntent(consentId: string, setupIntentId: string) {
  await db().mandateConsent.updateMany({ where: { id: consentId, setupIntentId: null }, data: { setupIntentId } });
}

export interface Transition {
  to: ConsentStatus;
  reason?: string | null;
  source: string;
  stripeEventId?: string | null;
  paymentMethodId?: string | null;
  mandateId?: string | null;
  /** Runs in the same transaction when the status did change (e.g. queue the email announcing it). */
  onChanged?: (tx: DbTransaction, consent: MandateConsent) => Promise<void>;
}

/**
 * True when `change` would write nothing (see the transaction below): the
 * consent is gone, or it teaches no new id and the status is already that or
 * cannot move there.
 */
function isNoOp(current: Record<string, unknown> | null, change: Transition): boolean {
  if (!current) return true;
  const learnsId =
    (change.paymentMethodId && change.paymentMethodId !== current.paymentMethodId) ||
    (change.mandateId && change.mandateId !== current.mandateId);
  if (learnsId) return false;
  const from = current.status as ConsentStatus;
  return from === change.to || !canTransition(from, change.to);
}

/**
 * Moves a consent to a new status and appends the history row, atomically. The
 * update is conditional on the status we read, so two writers racing on the same
 * change (the return page and a webhook) record it once. Becoming active queues
 * the mandate confirmation email in the same transaction.
 */
export async function transitionConsent(consentId: string, change: Transition): Promise<boolean> {
  // A repeated sync (most webhook re-reads) changes nothing: answered from one read, without a write transaction.
  if (isNoOp(await committedRow("MandateConsent", consentId), change)) return false;
  const changed = await db().$transaction(async (tx) => {
    const current = await tx.mandateConsent.findUnique({ where: { id: consentId } });
    if (!current) return false;
    const from = current.status as ConsentStatus;
    const ids = {
      ...(change.paymentMethodId ? { paymentMethodId: change.paymentMethodId } : {}),
      ...(change.mandateId ? { mandateId: change.mandateId } : {}),
    };
    if (from === change.to || !canTransition(from, change.to)) {
      // Still fill in ids learned late (e.g. a mandate id) without a status change.
      if (Object.keys(ids).length) await tx.mandateConsent.update({ where: { id: consentId }, data: ids });
      return false;
    }
    // A failed authorization leaves no payment method (Stripe detaches it): forget one learned while pending.
    const dropped = change.to === "failed" && change.paymentMethodId === null ? { paymentMethodId: null } : {};
    const { count } = await tx.mandateConsent.updateMany({
      where: { id: consentId, status: from },
      data: { status: change.to, statusReason: change.reason ?? null, ...dropped, ...ids },
    });
    if (count !== 1) return false;
    await tx.consentStatusChange.create({
      data: {
        consentId,
        fromStatus: from,
        toStatus: change.to,
        reason: change.reason ?? null,
        source: change.source,
        stripeEventId: change.stripeEventId ?? null,
      },
    });
    if (change.to === "active") {
      await queueMandateConfirmation(tx, { ...current, ...ids, status: change.to });
    }
    await change.onChanged?.(tx, { ...current, ...ids, status: change.to });
    return true;
  });
  if (changed && change.to === "active") kickOutbox();
  return changed;
}

export function listConsentsOfCustomer(customerId: string) {
  return db().mandateConsent.findMany({
    where: { customerId },
    orderBy: { acceptedAt: "desc" },
    include: { history: { orderBy: { occurredAt: "asc" } } },
  });
}

/** A card's brand and last 4 digits, for the customer's list of saved methods. */
export async function recordCardDetails(consentId: string, card: { brand: string; last4: string } | null | undefined) {
  if (!card) return;
  await db().mandateConsent.update({
    where: { id: consentId },
    data: { cardBrand: card.brand, cardLast4: card.last4 },
  });
}

const REVOCATION_REQUESTED = "revocation requested: ";

/** Who asked for a revocation and why; `notice` is the reason told to the customer by email, if they are told. */
export interface RevocationRequest {
  source: "admin" | "account";
  reason: string;
  notice?: string;
}

/**
 * Noted on an active consent before its wallet is detached, so that whichever
 * records the revocation first (this request, or the detach's webhook applied
 * in between) records who revoked it, why, and whom to tell.
 */
export async function noteRevocationRequested(consentId: string, request: RevocationRequest): Promise<void> {
  await db().mandateConsent.updateMany({
    where: { id: consentId, status: "active" },
    data: { statusReason: `${REVOCATION_REQUESTED}${JSON.stringify(request)}` },
  });
}

/** The request noted by noteRevocationRequested, if any. */
export function requestedRevocation(statusReason: string | null): RevocationRequest | null {
  if (!statusReason?.startsWith(REVOCATION_REQUESTED)) return null;
  try {
    return JSON.parse(statusReason.slice(REVOCATION_REQUESTED.length)) as RevocationRequest;
  } catch {
    return null;
  }
}
