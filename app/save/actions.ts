"use server";

import { headers } from "next/headers";
import { startWalletSetup } from "@/lib/billing/start-wallet-setup";
import { answerConsentForm } from "@/lib/consents/answer-form";
import { ConsentFormFields } from "@/lib/consents/form-schema";
import { invalidFields, type ConsentFormState } from "@/lib/consents/form-state";
import { requestContextFrom } from "@/lib/http/request-context";

/** Thin boundary: parse the form, capture the consenting request's evidence, delegate. */
export async function saveWalletAction(_previous: ConsentFormState, formData: FormData): Promise<ConsentFormState> {
  const parsed = ConsentFormFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidFields(parsed.error.issues);
  return answerConsentForm(await startWalletSetup(parsed.data, requestContextFrom(await headers())));
}
