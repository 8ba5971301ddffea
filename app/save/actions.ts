"use server";

import { headers } from "next/headers";
import { resolveCheckoutIdentity } from "@/lib/auth/checkout-identity";
import { startWalletSetup } from "@/lib/billing/start-wallet-setup";
import { answerConsentForm } from "@/lib/consents/answer-form";
import { ConsentFormFields } from "@/lib/consents/form-schema";
import { invalidFields, type ConsentFormState } from "@/lib/consents/form-state";
import { requestContextFrom } from "@/lib/http/request-context";

/** Thin boundary: parse the form, capture the consenting request's evidence, delegate. */
export async function saveWalletAction(_previous: ConsentFormState, formData: FormData): Promise<ConsentFormState> {
  const parsed = ConsentFormFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidFields(parsed.error.issues);
  const identity = await resolveCheckoutIdentity(parsed.data.email, parsed.data.locale);
  if (identity.kind === "sign_in_required") return { status: "sign_in", email: identity.email };
  const form = { ...parsed.data, email: identity.email };
  return answerConsentForm(await startWalletSetup(form, requestContextFrom(await headers())));
}
