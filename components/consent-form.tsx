"use client";

import {
  startTransition,
  useActionState,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type FormEvent,
} from "react";
import { CodeSignIn } from "@/components/auth/code-sign-in";
import { MandateTerms } from "@/components/mandate-terms";
import { StillWorking } from "@/components/still-working";
import type { ConsentFormState } from "@/lib/consents/form-state";
import { format, type Messages } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locales";
import { confirmAmazonPaySetupInBrowser, followWalletRedirect, type BrowserStripeConfig } from "@/lib/stripe/browser";

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
  /** The signed-in account's email: the checkout uses it, the field is read-only. */
  accountEmail: string | null;
  stripe: BrowserStripeConfig;
  /** A second way to save this wallet: Stripe Checkout's hosted page (seed 001). */
  checkout?: { wallet: string; label: string; hint: string };
  /** False when the customer is already known (their session), so no email is asked. */
  askEmail?: boolean;
}

const noSubscribe = () => () => {};

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
    accountEmail,
    stripe,
    checkout,
    askEmail = true,
  } = props;
  // The server action itself (not a wrapper), so that without JavaScript the form still posts to it.
  const [state, submit, pending] = useActionState<ConsentFormState, FormData>(action, { status: "idle" });
  // The last submission, kept so that after a sign-in the same one is sent again (React resets the form).
  const lastSubmission = useRef<FormData | null>(null);
  const remember = (event: FormEvent<HTMLFormElement>) => {
    lastSubmission.current = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
  };
  const resubmit = () => {
    const formData = lastSubmission.current;
    if (formData) startTransition(() => submit(formData));
  };
  const [walletId, setWalletId] = useState(initialWallet);
  // The answer a Stripe.js confirmation failed for: the form is usable again and says so.
  const [browserFailed, setBrowserFailed] = useState<ConsentFormState | null>(null);
  // True once this script runs: the server then answers for the page to act on, not with a redirect.
  const scripted = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const wallet = wallets.find((w) => w.id === walletId) ?? wallets[0]!;
  const failedInBrowser = browserFailed === state;
  const leaving =
    (state.status === "redirect" || state.status === "done" || state.status === "confirm") && !failedInBrowser;

  useEffect(() => {
    if (state.status === "redirect") void followWalletRedirect(stripe, state.clientSecret, state.redirectUrl);
    if (state.status === "done") window.location.assign(state.returnUrl);
    if (state.status === "confirm") {
      void confirmAmazonPaySetupInBrowser(stripe, state.clientSecret, state.returnUrl).then(() =>
        setBrowserFailed(state),
      );
    }
  }, [state, stripe]);

  // After a refused submit, focus moves to the first field in error (its message is tied to it).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "invalid") formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  const invalid = state.status === "invalid" ? state.fields : {};
  return (
    <>
      {state.status === "sign_in" && (
        <div className="notice" data-testid="checkout-sign-in">
          <p role="alert">{t.checkoutSignInRequired}</p>
          {/* Signed in, the same form (same submission, wallet, plan, offer) is sent again. */}
          <CodeSignIn t={t} email={state.email} codeAlreadySent onSignedIn={resubmit} />
        </div>
      )}
      <form ref={formRef} action={submit} onSubmit={remember} className="stack" noValidate>
        <input type="hidden" name="submissionId" value={submissionId} />
        {scripted && <input type="hidden" name="js" value="1" />}
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="termsVersion" value={wallet.termsVersion} />
        {Object.entries(hiddenFields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {askEmail && accountEmail && <p className="notice">{format(t.checkoutSignedInAs, { email: accountEmail })}</p>}
        {askEmail && (
          <label>
            {t.email}
            <input
              type="email"
              name="email"
              required
              maxLength={254}
              defaultValue={accountEmail ?? initialEmail}
              readOnly={!!accountEmail}
              autoComplete="email"
              aria-invalid={!!invalid.email}
              aria-describedby={invalid.email ? "email-error" : undefined}
            />
            {invalid.email && (
              <span className="field-error" id="email-error">
                {t.emailInvalid}
              </span>
            )}
          </label>
        )}
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
        {invalid.wallet && (
          <span className="field-error" role="alert">
            {t.walletInvalid}
          </span>
        )}
        <MandateTerms
          text={wallet.termsText}
          version={wallet.termsVersion}
          locale={locale}
          t={t}
          invalid={!!invalid.consent}
        />
        {invalid.consent && (
          <span className="field-error" id="consent-error">
            {t.consentRequired}
          </span>
        )}
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
        {failedInBrowser && (
          <p className="field-error" role="alert">
            {t.errorWalletOpen}
          </p>
        )}
        <div className="actions">
          <button type="submit" name="via" value="wallet" className="primary" disabled={pending || leaving}>
            {leaving ? t.redirecting : pending ? t.submitting : submitLabel}
          </button>
          {checkout && wallet.id === checkout.wallet && (
            <button type="submit" name="via" value="checkout" disabled={pending || leaving}>
              {checkout.label}
            </button>
          )}
          {/* Without JavaScript nothing above follows the answer: the page itself moves on, and a link stays. */}
          {state.status === "redirect" && (
            <noscript>
              <meta httpEquiv="refresh" content={`0;url=${state.redirectUrl}`} />
              <a href={state.redirectUrl}>{t.continueInWallet}</a>
            </noscript>
          )}
          {state.status === "done" && (
            <noscript>
              <meta httpEquiv="refresh" content={`0;url=${state.returnUrl}`} />
              <a href={state.returnUrl}>{t.continueInWallet}</a>
            </noscript>
          )}
        </div>
        {checkout && wallet.id === checkout.wallet && <p className="terms-meta">{checkout.hint}</p>}
        <StillWorking pending={pending} text={t.stillWorking} />
      </form>
    </>
  );
}
