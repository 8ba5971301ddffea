"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { startMethodReplacement } from "@/lib/billing/replace-method";
import { ConsentFormFields } from "@/lib/consents/form-schema";
import { invalidFields, type ConsentFormState } from "@/lib/consents/form-state";
import { requestContextFrom } from "@/lib/http/request-context";
import { errorMessage } from "@/lib/i18n/error-message";
import { requestMessages } from "@/lib/i18n/request-locale";
import { currentCustomerId } from "@/lib/session-cookie";

const ReplaceFields = ConsentFormFields.omit({ email: true }).extend({ subscription: z.string().min(1).max(64) });

/** Consent to a new wallet for a subscription, then the wallet's authorization. The session says who. */
export async function replaceMethodAction(_previous: ConsentFormState, formData: FormData): Promise<ConsentFormState> {
  const parsed = ReplaceFields.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidFields(parsed.error.issues);
  const { t } = await requestMessages();
  const customerId = await currentCustomerId();
  if (!customerId) return { status: "error", message: t.accountSignedOut };
  const { subscription, ...form } = parsed.data;
  const result = await startMethodReplacement(
    { ...form, customerId, subscriptionId: subscription },
    requestContextFrom(await headers()),
  );
  if (!result.ok)
    return {
      status: "error",
      message: result.code === "not_yours" ? t.refusedOtherSession : errorMessage(result.code, result.error, t),
    };
  return "redirectUrl" in result.next
    ? { status: "redirect", redirectUrl: result.next.redirectUrl, clientSecret: result.next.clientSecret }
    : { status: "done", returnUrl: result.next.returnUrl };
}
