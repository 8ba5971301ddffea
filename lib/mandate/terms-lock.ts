import { createHash } from "node:crypto";
import { LOCALES } from "@/lib/i18n/locales";
import { DEFERRED_SUBSCRIPTION_TERMS, REPLACE_METHOD_TERMS, SAVE_WALLET_TERMS, SUBSCRIPTION_TERMS } from "./terms-text";

/**
 * Fingerprints of every published terms text, rendered with fixed sample values.
 * terms-lock.json holds the published ones; a text edited in place no longer
 * matches it, which terms.test.ts reports: publish a new version instead.
 */
export function fingerprintTerms(): Record<string, string> {
  const sample = { merchant: "M", wallet: "W", amount: "A", firstCharge: "F" };
  const out: Record<string, string> = {};
  for (const [purpose, catalogue] of Object.entries({
    save_wallet: SAVE_WALLET_TERMS,
    subscription: SUBSCRIPTION_TERMS,
    deferred_subscription: DEFERRED_SUBSCRIPTION_TERMS,
    replace_method: REPLACE_METHOD_TERMS,
  })) {
    for (const [version, byLocale] of Object.entries(catalogue)) {
      for (const locale of LOCALES) {
        out[`${purpose}@${version}/${locale}`] = createHash("sha256").update(byLocale[locale](sample)).digest("hex");
      }
    }
  }
  return out;
}
