import { isZeroDecimal } from "@/lib/catalogue/money";

/**
 * An amount typed in major units ("12.50") to the currency's minor unit (1250),
 * exactly (no floating point). Zero-decimal currencies (KRW, JPY) take whole
 * numbers only. Null when the text does not fit the currency.
 */
export function toMinorUnits(text: string, currency: string): number | null {
  const match = text.trim().match(/^(\d{1,9})(?:\.(\d{1,2}))?$/);
  if (!match) return null;
  const [, whole, fraction = ""] = match;
  if (isZeroDecimal(currency)) return fraction ? null : Number(whole);
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}
