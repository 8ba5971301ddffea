import { createHash } from "node:crypto";
import type { Locale } from "@/lib/i18n/locales";
import {
  DEFERRED_SUBSCRIPTION_TERMS,
  REPLACE_METHOD_TERMS,
  SAVE_WALLET_TERMS,
  SUBSCRIPTION_TERMS,
  type TermsParams,
} from "./terms-text";
import { methodName, type PaymentMethodKind } from "./wallets";

export const MERCHANT_NAME = "Lumen Stock Photos";

export type TermsPurpose = "save_wallet" | "subscription" | "deferred_subscription" | "replace_method";

const CATALOGUE = {
  save_wallet: SAVE_WALLET_TERMS,
  subscription: SUBSCRIPTION_TERMS,
  deferred_subscription: DEFERRED_SUBSCRIPTION_TERMS,
  replace_method: REPLACE_METHOD_TERMS,
} as const;

/** The version new consents are asked for; older versions remain only to re-render old records. */
export const CURRENT_TERMS_VERSION: Record<TermsPurpose, string> = {
  save_wallet: "2026-11-01",
  subscription: "2026-11-01",
  deferred_subscription: "2026-11-01",
  replace_method: "2026-12-01",
};

export interface MandateTerms {
  purpose: TermsPurpose;
  version: string;
  locale: Locale;
  text: string;
  sha256: string;
}

export function renderTerms(input: {
  purpose: TermsPurpose;
  locale: Locale;
  wallet: PaymentMethodKind;
  amount?: string;
  firstCharge?: string;
  version?: string;
}): MandateTerms {
  const version = input.version ?? CURRENT_TERMS_VERSION[input.purpose];
  const template = CATALOGUE[input.purpose][version]?.[input.locale];
  if (!template) throw new Error(`No ${input.purpose} terms version ${version} for locale ${input.locale}`);
  const params: TermsParams = {
    merchant: MERCHANT_NAME,
    wallet: methodName(input.wallet, input.locale),
    amount: input.amount,
    firstCharge: input.firstCharge,
  };
  const text = template(params);
  return { purpose: input.purpose, version, locale: input.locale, text, sha256: sha256(text) };
}

export function termsVersions(purpose: TermsPurpose): string[] {
  return Object.keys(CATALOGUE[purpose]);
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
