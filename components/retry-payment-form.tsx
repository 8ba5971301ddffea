"use client";

import { useActionState, useEffect } from "react";
import type { ConsentFormState } from "@/lib/consents/form-state";
import { followWalletRedirect, type BrowserStripeConfig } from "@/lib/stripe/browser";

interface Props {
  action: (previous: ConsentFormState, formData: FormData) => Promise<ConsentFormState>;
  subscriptionId: string;
  attemptId: string;
  label: string;
  stripe: BrowserStripeConfig;
}

/** Retries a failed first payment; the attempt id makes a double click one attempt. */
export function RetryPaymentForm({ action, subscriptionId, attemptId, label, stripe }: Props) {
  const [state, submit, pending] = useActionState<ConsentFormState, FormData>(action, { status: "idle" });
  useEffect(() => {
    if (state.status === "redirect") void followWalletRedirect(stripe, state.clientSecret, state.redirectUrl);
    if (state.status === "done") window.location.assign(state.returnUrl);
  }, [state, stripe]);
  return (
    <form action={submit}>
      <input type="hidden" name="subscription" value={subscriptionId} />
      <input type="hidden" name="attempt" value={attemptId} />
      <button type="submit" className="primary" disabled={pending || state.status === "redirect"}>
        {label}
      </button>
      {state.status === "error" && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
