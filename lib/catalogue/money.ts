import { INTL_TAGS, type Locale } from "@/lib/i18n/locales";

/** Currencies Stripe counts in whole units (https://docs.stripe.com/currencies#zero-decimal). */
const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
]);

export function isZeroDecimal(currency: string): boolean {
  return ZERO_DECIMAL.has(currency.toLowerCase());
}

/** A Stripe amount (minor units) as the customer reads it: 1500 usd → "$15.00", 100000 krw → "₩100,000". */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  const major = isZeroDecimal(currency) ? amount : amount / 100;
  return new Intl.NumberFormat(INTL_TAGS[locale], { style: "currency", currency: currency.toUpperCase() }).format(
    major,
  );
}
