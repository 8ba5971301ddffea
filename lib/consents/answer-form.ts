import type { StartWalletSetupResult } from "@/lib/billing/start-wallet-setup";
import { errorMessage, linksToAccount } from "@/lib/i18n/error-message";
import { requestMessages } from "@/lib/i18n/request-locale";
import { rememberCustomer } from "@/lib/session-cookie";
import type { ConsentFormState } from "./form-state";

/**
 * Remembers the customer (signed cookie) and tells the form where to go next.
 * Deliberately not in a "use server" file: it must not be callable from the browser.
 */
export async function answerConsentForm(result: StartWalletSetupResult): Promise<ConsentFormState> {
  if (result.customerId) await rememberCustomer(result.customerId);
  if (!result.ok) {
    const { t } = await requestMessages();
    return {
      status: "error",
      message: errorMessage(result.code, result.error, t),
      ...(linksToAccount(result.code) ? { accountLink: true } : {}),
    };
  }
  const next = result.next;
  if ("redirectUrl" in next)
    return { status: "redirect", redirectUrl: next.redirectUrl, clientSecret: next.clientSecret };
  if ("confirmInBrowser" in next) return { status: "confirm", ...next.confirmInBrowser };
  return { status: "done", returnUrl: next.returnUrl };
}
