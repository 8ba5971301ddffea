import { db } from "./client";
import { countWebhookEvents } from "./webhook-events";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days in the overview's chart of consents per day. */
export const OVERVIEW_CHART_DAYS = 30;

/** Start of the current UTC month. */
function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** Consents accepted per UTC day over the last `days` days (one indexed range count per day). */
export async function consentsPerDay(days: number, now = new Date()) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const starts = Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS));
  const counts = await Promise.all(
    starts.map((start) =>
      db().mandateConsent.count({ where: { acceptedAt: { gte: start, lt: new Date(start.getTime() + DAY_MS) } } }),
    ),
  );
  return starts.map((day, i) => ({ day, count: counts[i]! }));
}

/** The overview's figures. */
export async function adminOverview(now = new Date()) {
  const since = monthStart(now);
  const [
    byStatus,
    byMethod,
    last24h,
    last7d,
    subscriptions,
    failedRenewals,
    invoiceRevenue,
    chargeRevenue,
    webhooksPending,
    webhooksRetrying,
    webhooksParked,
  ] = await Promise.all([
    db().mandateConsent.groupBy({ by: ["status"], _count: { _all: true } }),
    db().mandateConsent.groupBy({ by: ["paymentMethodType"], _count: { _all: true } }),
    db().mandateConsent.count({ where: { acceptedAt: { gte: new Date(now.getTime() - DAY_MS) } } }),
    db().mandateConsent.count({ where: { acceptedAt: { gte: new Date(now.getTime() - 7 * DAY_MS) } } }),
    db().subscription.groupBy({ by: ["status"], _count: { _all: true } }),
    db().subscriptionPayment.count({
      where: { billingReason: "subscription_cycle", status: { in: ["open", "uncollectible"] } },
    }),
    db().subscriptionPayment.groupBy({
      by: ["currency"],
      where: { paidAt: { gte: since } },
      _sum: { amountPaid: true },
    }),
    db().adminPayment.groupBy({
      by: ["currency"],
      where: { status: "succeeded", createdAt: { gte: since } },
      _sum: { amount: true },
    }),
    countWebhookEvents("pending"),
    countWebhookEvents("retrying"),
    countWebhookEvents("parked"),
  ]);
  const revenue = new Map<string, number>();
  for (const row of invoiceRevenue)
    revenue.set(row.currency, (revenue.get(row.currency) ?? 0) + (row._sum.amountPaid ?? 0));
  for (const row of chargeRevenue) revenue.set(row.currency, (revenue.get(row.currency) ?? 0) + (row._sum.amount ?? 0));
  return {
    consentsByStatus: byStatus.map((row) => ({ key: row.status, count: row._count._all })),
    consentsByMethod: byMethod.map((row) => ({ key: row.paymentMethodType, count: row._count._all })),
    newLast24h: last24h,
    newLast7d: last7d,
    subscriptionsByStatus: subscriptions.map((row) => ({ key: row.status, count: row._count._all })),
    failedRenewals,
    revenueThisMonth: [...revenue.entries()].map(([currency, amount]) => ({ currency, amount })),
    // Failed: failing and waiting for the next attempt, or parked out of attempts (the inbox page replays them).
    webhooks: { waiting: webhooksPending, failed: webhooksRetrying + webhooksParked },
  };
}
