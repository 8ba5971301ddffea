import { INTL_TAGS, LOCALE_NAMES, isLocale, type Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import { WALLET_NAMES, isWallet } from "@/lib/mandate/wallets";

/** What a stored status belongs to: the same word (e.g. "pending") reads differently in each. */
export type StatusDomain =
  "consent" | "subscription" | "invoice" | "payment" | "event" | "email" | "outcome" | "mandate";

const PREFIX: Record<StatusDomain, string> = {
  consent: "consent_",
  subscription: "status_",
  invoice: "invoice_",
  payment: "adminPayment_",
  event: "adminEventState_",
  email: "adminEmailStatus_",
  outcome: "adminOutcome_",
  mandate: "adminMandate_",
};

/** A message by a computed key, or null when there is none (an unknown value from the database or Stripe). */
function lookup(t: Messages, key: string): string | null {
  const value = (t as Record<string, unknown>)[key];
  return typeof value === "string" ? value : null;
}

/** An unknown stored value is shown as stored (readable), never hidden. */
const raw = (value: string) => value.replace(/_/g, " ");

export function statusLabel(t: Messages, domain: StatusDomain, status: string): string {
  return lookup(t, `${PREFIX[domain]}${status}`) ?? raw(status);
}

export function methodLabel(t: Messages, method: string): string {
  return isWallet(method) ? WALLET_NAMES[method] : (lookup(t, `adminMethod_${method}`) ?? raw(method));
}

export function purposeLabel(t: Messages, purpose: string): string {
  return lookup(t, `adminPurpose_${purpose}`) ?? raw(purpose);
}

export function sourceLabel(t: Messages, source: string): string {
  return lookup(t, `adminSource_${source}`) ?? raw(source);
}

export function auditActionLabel(t: Messages, action: string): string {
  return lookup(t, `adminAction_${action}`) ?? raw(action);
}

export function emailKindLabel(t: Messages, kind: string): string {
  return lookup(t, `adminEmailKind_${kind}`) ?? raw(kind);
}

export function billingReasonLabel(t: Messages, reason: string | null): string {
  return (reason && lookup(t, `adminBilling_${reason}`)) ?? t.adminBilling_other;
}

export function localeLabel(locale: string): string {
  return isLocale(locale) ? LOCALE_NAMES[locale] : locale;
}

/**
 * A time in a list, in the reader's notation, always in UTC (the column says so):
 * e.g. "Dec 1, 2026, 17:38:18" or "2026年12月1日 17:38:18".
 */
export function listTime(date: Date | null | undefined, locale: Locale): string {
  if (!date) return "—";
  return new Intl.DateTimeFormat(INTL_TAGS[locale], {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
  }).format(date);
}

/** An evidence timestamp: exact ISO 8601 to the millisecond, in UTC, the same in every language. */
export function evidenceTime(date: Date | null | undefined): string {
  return date ? date.toISOString().replace("T", " ").replace("Z", " UTC") : "—";
}

/** A count in the reader's notation. */
export function countText(value: number, locale: Locale): string {
  return value.toLocaleString(INTL_TAGS[locale]);
}

/**
 * An audit row's detail. An export's row count and a replay's result are our
 * recorded words, worded again in the reader's language; any other detail
 * (a reason an admin typed, Stripe's text) is shown as recorded.
 */
export function auditDetail(t: Messages, row: { action: string; detail: string | null }, locale: Locale): string {
  if (!row.detail) return "—";
  const exported = row.action === "export" ? /^(\d+) rows$/.exec(row.detail) : null;
  if (exported) return format(t.adminExportRows, { count: countText(Number(exported[1]), locale) });
  if (row.action === "webhook_replay") return lookup(t, `adminReplayShort_${row.detail}`) ?? row.detail;
  return row.detail;
}
