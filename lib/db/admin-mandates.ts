import { db } from "./client";
import type { Prisma } from "./generated/sqlite/client";

/** The admin list's filters, as parsed from the URL (lib/admin/mandate-filter.ts). */
export interface MandateFilter {
  status?: string;
  method?: string;
  purpose?: string;
  locale?: string;
  termsVersion?: string;
  /** acceptedAt >= from */
  from?: Date;
  /** acceptedAt < to */
  to?: Date;
  /** Email prefix; emails are stored lowercased, so the prefix is lowercased too. */
  email?: string;
}

/** Keyset position: the last row shown (newest first: acceptedAt desc, id desc). */
export interface MandateCursor {
  acceptedAt: Date;
  id: string;
}

export const PAGE_SIZE = 50;
/**
 * An email prefix is resolved to at most this many customers (first by email),
 * whose consents are then read through the (customerId, acceptedAt, id) index.
 * A broader prefix ("a") is narrowed the same way and the page says so: a join
 * over a hundred thousand customers cannot be paged newest-first within budget.
 */
export const EMAIL_PREFIX_CUSTOMER_LIMIT = 500;

const LIST_SELECT = {
  id: true,
  acceptedAt: true,
  status: true,
  paymentMethodType: true,
  purpose: true,
  termsLocale: true,
  termsVersion: true,
  setupIntentId: true,
  customerId: true,
  customer: { select: { email: true } },
} satisfies Prisma.MandateConsentSelect;

export type MandateRow = Prisma.MandateConsentGetPayload<{ select: typeof LIST_SELECT }>;

/** The smallest string greater than every string starting with `prefix` (for an index range scan). */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1)!;
  return prefix.slice(0, prefix.length - 1) + String.fromCodePoint(last + 1);
}

/** Customer filter for an email prefix: a range on the unique email index, plus startsWith to stay exact under any collation. */
export function emailPrefixWhere(prefix: string): Prisma.StringFilter {
  const lower = prefix.toLowerCase();
  return { gte: lower, lt: prefixUpperBound(lower), startsWith: lower };
}

/** The WHERE clause of a filter (without the cursor); `narrowed` when the email prefix matched too many customers. */
export async function mandateWhere(
  filter: MandateFilter,
): Promise<{ where: Prisma.MandateConsentWhereInput; narrowed: boolean }> {
  let narrowed = false;
  const and: Prisma.MandateConsentWhereInput[] = [];
  if (filter.status) and.push({ status: filter.status });
  if (filter.method) and.push({ paymentMethodType: filter.method });
  if (filter.purpose) and.push({ purpose: filter.purpose });
  if (filter.locale) and.push({ termsLocale: filter.locale });
  if (filter.termsVersion) and.push({ termsVersion: filter.termsVersion });
  if (filter.from) and.push({ acceptedAt: { gte: filter.from } });
  if (filter.to) and.push({ acceptedAt: { lt: filter.to } });
  if (filter.email) {
    const customers = await db().customer.findMany({
      where: { email: emailPrefixWhere(filter.email) },
      orderBy: { email: "asc" },
      select: { id: true },
      take: EMAIL_PREFIX_CUSTOMER_LIMIT + 1,
    });
    narrowed = customers.length > EMAIL_PREFIX_CUSTOMER_LIMIT;
    and.push({ customerId: { in: customers.slice(0, EMAIL_PREFIX_CUSTOMER_LIMIT).map((c) => c.id) } });
  }
  return { where: { AND: and }, narrowed };
}

/**
 * Rows after the cursor: `(acceptedAt, id) < (cursor)`. Written as a bound on
 * acceptedAt AND the tie-break, so both databases seek the (…, acceptedAt, id)
 * index to the cursor; the equivalent `a < x OR (a = x AND id < y)` has no
 * range and scans from the newest row (page 10,000 would cost 10,000 pages).
 */
function afterCursor(cursor: MandateCursor): Prisma.MandateConsentWhereInput {
  return {
    acceptedAt: { lte: cursor.acceptedAt },
    OR: [{ acceptedAt: { lt: cursor.acceptedAt } }, { id: { lt: cursor.id } }],
  };
}

/**
 * One page of consents, newest first, after `cursor` (keyset pagination: the
 * cost of page 10,000 is the cost of page 1). `next` is the cursor of the
 * following page, or null on the last one.
 */
export async function listMandatesPage(
  filter: MandateFilter,
  cursor: MandateCursor | null,
  limit = PAGE_SIZE,
): Promise<{ rows: MandateRow[]; next: MandateCursor | null; narrowed: boolean }> {
  const { where, narrowed } = await mandateWhere(filter);
  const rows = await db().mandateConsent.findMany({
    where: cursor ? { AND: [where, afterCursor(cursor)] } : where,
    orderBy: [{ acceptedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: LIST_SELECT,
  });
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? { acceptedAt: last.acceptedAt, id: last.id } : null, narrowed };
}

/** How many consents the export of a filter writes (the same rows as its CSV). */
export async function countMandates(filter: MandateFilter): Promise<number> {
  if (!filter.email) return db().mandateConsent.count({ where: (await mandateWhere(filter)).where });
  // The export is complete, not narrowed: count through the customer relation.
  const { email, ...rest } = filter;
  const { where } = await mandateWhere(rest);
  return db().mandateConsent.count({ where: { AND: [where, { customer: { email: emailPrefixWhere(email) } }] } });
}

/**
 * Everything the evidence page shows for one consent: four reads by the
 * consent's id, each on its own index (the consent and its customer by
 * primary key, history by (consentId, occurredAt), the subscription by its
 * unique consentId and its invoices by (subscriptionId, invoiceCreated),
 * charges by (consentId, createdAt)), sent together rather than one after
 * another as nested includes would.
 */
export async function findMandateEvidence(id: string) {
  const [consent, history, subscription, adminPayments] = await Promise.all([
    db().mandateConsent.findUnique({ where: { id }, include: { customer: true } }),
    db().consentStatusChange.findMany({ where: { consentId: id }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] }),
    db().subscription.findUnique({
      where: { consentId: id },
      include: { payments: { orderBy: { invoiceCreated: "desc" } } },
    }),
    db().adminPayment.findMany({ where: { consentId: id }, orderBy: { createdAt: "desc" } }),
  ]);
  return consent ? { ...consent, history, subscription, adminPayments } : null;
}

export type MandateEvidence = NonNullable<Awaited<ReturnType<typeof findMandateEvidence>>>;
