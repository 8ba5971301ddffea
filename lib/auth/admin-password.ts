/** The rules for an admin's password (better-auth is configured with the same bounds). */
export const ADMIN_PASSWORD_MIN = 12;
export const ADMIN_PASSWORD_MAX = 128;

type PasswordProblem = "adminSetupPasswordTooShort" | "adminSetupPasswordTooLong" | "adminSetupPasswordMismatch";

/** What is wrong with a chosen password (the message key), or null. */
export function passwordProblem(password: string, repeat: string): PasswordProblem | null {
  if (password.length < ADMIN_PASSWORD_MIN) return "adminSetupPasswordTooShort";
  if (password.length > ADMIN_PASSWORD_MAX) return "adminSetupPasswordTooLong";
  if (password !== repeat) return "adminSetupPasswordMismatch";
  return null;
}
