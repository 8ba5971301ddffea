"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requestMessages } from "@/lib/i18n/request-locale";
import { startCheckoutSetup } from "@/lib/billing/start-checkout-setup";
import { resolveCheckoutIdentity } from "@/lib/auth/checkout-identity";
import { startWalletSetup } from "@/lib/billing/start-wallet-setup";
import { answerConsentForm } from "@/lib/consents/answer-form";
import { ConsentFormFields } from "@/lib/consents/form-schema";
import { invalidFields, type ConsentFormState } from "@/lib/consents/form-state";
import { requestContextFrom } from "@/lib/http/request-context";

/** Which button sent the form, and whether the page's script is running (it adds js=1). */
const SaveFormExtras = z.object({
  via: z.enum(["wallet", "checkout"]).default("wallet"),
  js: z.literal("1").optional(),
});

/** Thin boundary: parse the form, capture the consenting request's evidence, delegate. */
export async function saveWalletAction(_previous: ConsentFormState, formData: FormData): Promise<ConsentFormState> {
  const fields = Object.fromEntries(formData);
  const parsed = ConsentFormFields.safeParse(fields);
  const extras = SaveFormExtras.safeParse(fields);
  if (!parsed.success) return invalidFields(parsed.error.issues);
  if (!extras.success) return invalidFields([{ path: ["form"] }]);
  const withScript = extras.data.js === "1";
  const identity = await resolveCheckoutIdentity(parsed.data.email, parsed.data.locale);
  if (identity.kind === "sign_in_required") return { status: "sign_in", email: identity.email };
  if (identity.kind === "rate_limited")
    return { status: "error", message: (await requestMessages()).t.errorRateLimited };
  const form = { ...parsed.data, email: identity.email };
  const request = requestContextFrom(await headers());

  const result =
    extras.data.via === "checkout"
      ? await startCheckoutSetup(form, request)
      : await startWalletSetup(
          // Amazon Pay is confirmed by Stripe.js when the page runs it (seed 000); Kakao Pay on the server (seed 002).
          { ...form, confirm: withScript && form.wallet === "amazon_pay" ? "browser" : "server" },
          request,
        );
  const state = await answerConsentForm(result);
  // Without JavaScript nothing in the page follows the answer: the server sends the browser on (the manual redirect).
  if (!withScript && state.status === "redirect") redirect(state.redirectUrl);
  if (!withScript && state.status === "done") redirect(state.returnUrl);
  return state;
}
