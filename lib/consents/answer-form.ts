import type { StartWalletSetupResult } from "@/lib/billing/start-wallet-setup";
import { errorMessage } from "@/lib/i18n/error-message";
import { requestMessages } from "@/lib/i18n/request-locale";
import type { ConsentFormState } from "./form-state";

/**
 * Tells the form where to go next. (Who the customer is was settled before, by
 * lib/auth/checkout-identity.ts.) Deliberately not in a "use server" file.
 */
export async function answerConsentForm(result: StartWalletSetupResult): Promise<ConsentFormState> {
  if (!result.ok) {
    const { t } = await requestMessages();
    return { status: "error", message: errorMessage(result.code, result.error, t) };
  }
  return "redirectUrl" in result.next
    ? { status: "redirect", redirectUrl: result.next.redirectUrl, clientSecret: result.next.clientSecret }
    : { status: "done", returnUrl: result.next.returnUrl };
}
