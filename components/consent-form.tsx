"use client";

import { useActionState, useEffect, useState } from "react";
import { MandateTerms } from "@/components/mandate-terms";
import { StillWorking } from "@/components/still-working";
import type { ConsentFormState } from "@/lib/consents/form-state";
import type { Messages } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locales";
import { followWalletRedirect, type BrowserStripeConfig } from "@/lib/stripe/browser";

interface WalletChoice {
  id: string;
  name: string;
  termsText: string;
  termsVersion: string;
}

interface Props {
  /** The server action that records the consent and starts the wallet's authorization. */
  action: (previous: ConsentFormState, formData: FormData) => Promise<ConsentFormState>;
  /** Extra fields the action needs (e.g. the plan). */
  hiddenFields?: Record<string, string>;
  submitLabel: string;
  submissionId: string;
  locale: Locale;
  messages: Messages;
  wallets: WalletChoice[];
  initialWallet: string;
  initialEmail: string;
  stripe: BrowserStripeConfig;
}

/** The mandate consent: the exact terms for the chosen wallet, an explicit tick, then the wallet's redirect. */
export function ConsentForm(props: Props) {
  const {
    action,
    hiddenFields = {},
    submitLabel,
    submissionId,
    locale,
    messages: t,
    wallets,
    initialWallet,
    initialEmail,
    stripe,
  } = props;
  const [state, submit, pending] = useActionState<ConsentFormState, FormData>(action, { status: "idle" });
  const [walletId, setWalletId] = useState(initialWallet);
  const wallet = wallets.find((w) => w.id === walletId) ?? wallets[0]!;
  const leaving = state.status === "redirect" || state.status === "done";

  useEffect(() => {
    if (state.status === "redirect") void followWalletRedirect(stripe, state.clientSecret, state.redirectUrl);
    if (state.status === "done") window.location.assign(state.returnUrl);
  }, [state, stripe]);

  const invalid = state.status === "invalid" ? state.fields : {};
  return (
    <form action={submit} className="stack" noValidate>
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="termsVersion" value={wallet.termsVersion} />
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label>
        {t.email}
        <input
          type="email"
          name="email"
          maxLength={254}
          required
          defaultValue={initialEmail}
          autoComplete="email"
          aria-invalid={!!invalid.email}
        />
        {invalid.email && <span className="field-error">{t.emailInvalid}</span>}
      </label>
      <fieldset>
        <legend>{t.wallet}</legend>
        {wallets.map((w) => (
          <label key={w.id}>
            <input
              type="radio"
              name="wallet"
              value={w.id}
              checked={w.id === wallet.id}
              onChange={() => setWalletId(w.id)}
            />
            {w.name}
          </label>
        ))}
      </fieldset>
      {invalid.wallet && <span className="field-error">{t.walletInvalid}</span>}
      <MandateTerms
        text={wallet.termsText}
        version={wallet.termsVersion}
        locale={locale}
        t={t}
        invalid={!!invalid.consent}
      />
      {invalid.consent && <span className="field-error">{t.consentRequired}</span>}
      {invalid.form && <p className="field-error">{t.formStale}</p>}
      {state.status === "error" && (
        <p className="field-error" role="alert">
          {state.message}
          {state.accountLink && (
            <>
              {" "}
              <a href="/account">{t.viewAccount}</a>
            </>
          )}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={pending || leaving}>
          {leaving ? t.redirecting : pending ? t.submitting : submitLabel}
        </button>
      </div>
      <StillWorking pending={pending} text={t.stillWorking} />
    </form>
  );
}
