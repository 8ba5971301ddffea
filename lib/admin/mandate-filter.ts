import { z } from "zod";
import type { MandateCursor, MandateFilter } from "@/lib/db/admin-mandates";
import { LOCALES } from "@/lib/i18n/locales";

export const STATUSES = ["pending", "active", "failed", "revoked"] as const;
export const METHODS = ["amazon_pay", "kakao_pay", "card"] as const;
export const PURPOSES = ["save_wallet", "subscription"] as const;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === undefined ? undefined : value), schema.optional());
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The list's query string: every filter is in the URL, so a filtered view is a link one can share. */
export const MandateQuery = z.object({
  status: optional(z.enum(STATUSES)),
  method: optional(z.enum(METHODS)),
  purpose: optional(z.enum(PURPOSES)),
  locale: optional(z.enum(LOCALES)),
  terms: optional(z.string().max(40)),
  from: optional(day),
  to: optional(day),
  q: optional(z.string().trim().max(254)),
  after: optional(z.string().max(120)),
});
export type MandateQuery = z.infer<typeof MandateQuery>;

/** Parses the query; a malformed one is reported, never thrown. */
export function parseMandateQuery(raw: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return MandateQuery.safeParse(flat);
}

function dayStart(value: string): Date | undefined {
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The database filter of a query ("to" is inclusive of that whole day). A non-Stripe-id `q` is an email prefix. */
export function filterOf(query: MandateQuery): MandateFilter {
  const to = query.to ? dayStart(query.to) : undefined;
  return {
    status: query.status,
    method: query.method,
    purpose: query.purpose,
    locale: query.locale,
    termsVersion: query.terms,
    from: query.from ? dayStart(query.from) : undefined,
    to: to ? new Date(to.getTime() + 24 * 60 * 60 * 1000) : undefined,
    email: query.q || undefined,
  };
}

/** The cursor travels in the URL as `<acceptedAt ms>.<id>`. */
export function encodeCursor(cursor: MandateCursor): string {
  return `${cursor.acceptedAt.getTime()}.${cursor.id}`;
}

export function decodeCursor(value: string | undefined): MandateCursor | null {
  const match = value?.match(/^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/);
  if (!match) return null;
  return { acceptedAt: new Date(Number(match[1])), id: match[2]! };
}

/** The query string of a view, without empty values (for links and the export). */
export function queryString(query: Partial<MandateQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
