import { db } from "./client";
import { isUniqueViolation } from "./errors";

export interface NewAdminPayment {
  actionId: string;
  consentId: string;
  adminUserId: string;
  amount: number;
  currency: string;
  description: string;
}

/**
 * Claims the admin's charge action: the first submission inserts the row
 * (status pending), a repeated one gets the same row back (`created: false`).
 */
export async function claimAdminPayment(payment: NewAdminPayment) {
  try {
    return { payment: await db().adminPayment.create({ data: { ...payment, status: "pending" } }), created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db().adminPayment.findUnique({ where: { actionId: payment.actionId } });
    if (!existing) throw error;
    return { payment: existing, created: false };
  }
}

export async function recordAdminPaymentResult(
  id: string,
  result: {
    status: string;
    paymentIntentId?: string | null;
    failureCode?: string | null;
    failureMessage?: string | null;
  },
) {
  return db().adminPayment.update({
    where: { id },
    data: {
      status: result.status,
      ...(result.paymentIntentId ? { paymentIntentId: result.paymentIntentId } : {}),
      failureCode: result.failureCode ?? null,
      failureMessage: result.failureMessage?.slice(0, 500) ?? null,
    },
  });
}

export function findAdminPayment(actionId: string) {
  return db().adminPayment.findUnique({ where: { actionId } });
}

export function listAdminPaymentsOfConsent(consentId: string) {
  return db().adminPayment.findMany({ where: { consentId }, orderBy: { createdAt: "desc" } });
}
