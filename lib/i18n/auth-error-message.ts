import { format, type Messages } from "@/lib/i18n/messages";

/** What better-auth's client returns as `error` (its JSON body plus the status). */
export interface AuthClientError {
  status?: number;
  code?: string;
  retryAfterSeconds?: string | number;
}

/**
 * Our own words for an auth error (better-auth's messages are for developers).
 * `fallback` covers anything not named here.
 */
export function authErrorMessage(t: Messages, error: AuthClientError, fallback: string): string {
  switch (error.code) {
    case "SIGN_IN_CODES_RATE_LIMITED": {
      const minutes = String(Math.max(1, Math.ceil(Number(error.retryAfterSeconds ?? 60) / 60)));
      return format(t.signInCodesLimited, { minutes });
    }
    case "INVALID_EMAIL_OR_PASSWORD":
      return t.adminWrongPassword;
    case "INVALID_CODE":
      return t.adminCodeWrong;
    case "OTP_HAS_EXPIRED":
    case "INVALID_TWO_FACTOR_COOKIE":
      return t.adminCodeExpired;
    case "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE":
      return t.adminCodeTooManyAttempts;
    case "ACCOUNT_TEMPORARILY_LOCKED":
      return t.adminAccountLocked;
    case "ADMIN_PASSWORD_REQUIRED":
      return t.adminUsePassword;
    case "ADMIN_PASSWORD_FIRST":
      return t.adminSetupPasswordStep;
  }
  // The auth library's own per-address limit (any endpoint).
  if (error.status === 429) return format(t.rateLimitedBody, { seconds: String(error.retryAfterSeconds ?? 60) });
  return fallback;
}
