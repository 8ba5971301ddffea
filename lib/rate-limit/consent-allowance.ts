import { usedUp, type Allowance } from "./shared";

/**
 * Whether consent and checkout submissions from this client address, or for
 * this email, are used up. Only looks (the attempt is taken where the consent
 * is recorded, lib/billing/record-consent.ts): the proxy asks it before any
 * page code runs, and checkout asks it before it creates an account or sends a
 * sign-in code for the typed email.
 */
export async function consentAllowance(ipAddress: string, email: string | null): Promise<Allowance> {
  const byAddress = await usedUp("consentPerIp", ipAddress);
  if (!byAddress.ok || !email) return byAddress;
  return usedUp("consentPerEmail", email.toLowerCase());
}
