/**
 * Why the console refused an admin action before anything reached Stripe: a
 * code the page words in the admin's language (lib/i18n/messages:
 * `adminRefusal_<code>`). The English `detail` beside it goes to the audit log
 * only.
 */
export const ADMIN_REFUSALS = [
  "no_such_mandate",
  "not_chargeable",
  "not_wallet",
  "wallet_currency",
  "mandate_inactive",
  "form_reused",
  "not_revocable",
] as const;
export type AdminRefusal = (typeof ADMIN_REFUSALS)[number];

export function isAdminRefusal(value: unknown): value is AdminRefusal {
  return typeof value === "string" && (ADMIN_REFUSALS as readonly string[]).includes(value);
}
