/**
 * Our own words for every failed payment a customer can see. Stripe's
 * `decline_code` (card issuers) or `code` (everything else) picks one of a few
 * reasons; each reason has a message in every language
 * (lib/i18n/messages: `failure_<reason>`). Stripe's text goes to the logs only.
 */
export const FAILURE_REASONS = [
  "insufficient_funds",
  "expired_card",
  "incorrect_cvc",
  "incorrect_number",
  "incorrect_details",
  "card_not_supported",
  "limit_exceeded",
  "contact_issuer",
  "try_again",
  "authentication",
  "wallet_declined",
  "wallet_canceled",
  "method_unavailable",
  "duplicate",
  "declined",
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/**
 * Stripe's documented card decline codes (stripe.com/docs/declines/codes), the
 * card error codes, and the wallet and authentication failures of PaymentIntents
 * and SetupIntents (stripe.com/docs/error-codes).
 */
export const FAILURE_CODES: Record<string, FailureReason> = {
  // Decline codes
  authentication_required: "authentication",
  approve_with_id: "try_again",
  call_issuer: "contact_issuer",
  card_not_supported: "card_not_supported",
  card_velocity_exceeded: "limit_exceeded",
  currency_not_supported: "card_not_supported",
  do_not_honor: "contact_issuer",
  do_not_try_again: "contact_issuer",
  duplicate_transaction: "duplicate",
  expired_card: "expired_card",
  fraudulent: "declined",
  generic_decline: "declined",
  incorrect_number: "incorrect_number",
  incorrect_cvc: "incorrect_cvc",
  incorrect_pin: "incorrect_details",
  incorrect_zip: "incorrect_details",
  insufficient_funds: "insufficient_funds",
  invalid_account: "contact_issuer",
  invalid_amount: "contact_issuer",
  invalid_cvc: "incorrect_cvc",
  invalid_expiry_month: "incorrect_details",
  invalid_expiry_year: "incorrect_details",
  invalid_number: "incorrect_number",
  invalid_pin: "incorrect_details",
  issuer_not_available: "try_again",
  lost_card: "declined",
  merchant_blacklist: "declined",
  new_account_information_available: "contact_issuer",
  no_action_taken: "contact_issuer",
  not_permitted: "contact_issuer",
  offline_pin_required: "card_not_supported",
  online_or_offline_pin_required: "card_not_supported",
  pickup_card: "declined",
  pin_try_exceeded: "contact_issuer",
  processing_error: "try_again",
  reenter_transaction: "try_again",
  restricted_card: "declined",
  revocation_of_all_authorizations: "contact_issuer",
  revocation_of_authorization: "contact_issuer",
  security_violation: "declined",
  service_not_allowed: "contact_issuer",
  stolen_card: "declined",
  stop_payment_order: "contact_issuer",
  testmode_decline: "declined",
  transaction_not_allowed: "contact_issuer",
  try_again_later: "try_again",
  withdrawal_count_limit_exceeded: "limit_exceeded",
  // Error codes of card payments
  card_declined: "declined",
  card_decline_rate_limit_exceeded: "limit_exceeded",
  // Authentication (3D Secure) and wallet outcomes
  payment_intent_authentication_failure: "authentication",
  setup_intent_authentication_failure: "authentication",
  payment_method_provider_decline: "wallet_declined",
  payment_method_customer_decline: "wallet_canceled",
  payment_intent_payment_attempt_failed: "wallet_declined",
  payment_intent_payment_attempt_expired: "wallet_canceled",
  setup_attempt_failed: "wallet_declined",
  payment_method_unactivated: "method_unavailable",
  payment_method_not_available: "method_unavailable",
  payment_method_unexpected_state: "method_unavailable",
  payment_method_provider_timeout: "try_again",
  payment_intent_incompatible_payment_method: "method_unavailable",
};

/** The reason for a Stripe code; anything we have no entry for reads as a plain decline. */
export function failureReasonOf(code: string | null | undefined): FailureReason {
  return (code && FAILURE_CODES[code]) || "declined";
}

/** The code that names a Stripe error best: the issuer's decline code first. */
export function failureCodeOf(error: { code?: string | null; decline_code?: string | null } | null | undefined) {
  return error?.decline_code ?? error?.code ?? null;
}
