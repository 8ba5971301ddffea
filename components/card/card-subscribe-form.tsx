"use client";

import { failureMessage } from "@/lib/i18n/error-message";
import { CardElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { CodeSignIn } from "@/components/auth/code-sign-in";
import { startCardSubscriptionAction, type CardSubscribeAnswer } from "@/app/subscribe/[plan]/card-actions";
import type { OfferId } from "@/lib/catalogue/offers";
import type { Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import type { SetupIntentStatus } from "@/lib/billing/pending-setup-state";
import { StillWorking } from "@/components/still-working";
import { CardMandateFields } from "./card-mandate-fields";
import { PendingSetupRecovery } from "./pending-setup-recovery";

interface Props {
  submissionId: string;
  locale: Locale;
  plan: string;
  offer: OfferId;
  terms: { text: string; version: string };
  initialEmail: string;
  /** The signed-in account's email: the checkout uses it, the field is read-only. */
  accountEmail: string | null;
  doneMessage: string;
  t: Messages;
}

/** Card + consent for a deferred-payment subscription; then whatever the pending SetupIntent still needs. */
export function CardSubscribeForm(props: Props) {
  const { submissionId, locale, plan, offer, terms, initialEmail, accountEmail, doneMessage, t } = props;
  const stripe = useStripe();
  const elements = useElements();
  const [answer, setAnswer] = useState<CardSubscribeAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [accountLink, setAccountLink] = useState(false);
  // Which field the error is about: its message is tied to it and the keyboard is sent there.
  const [errorField, setErrorField] = useState<"email" | "consent" | "card" | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!error) return;
    const form = formRef.current;
    const target =
      errorField === "card"
        ? form?.querySelector<HTMLElement>(".stripe-element input")
        : errorField
          ? form?.querySelector<HTMLElement>(`[name="${errorField}"]`)
          : null;
    (target ?? form?.querySelector<HTMLElement>("#card-form-error"))?.focus();
  }, [error, errorField]);
  const [pending, setPending] = useState(false);
  // A refused card ends that attempt; the next card is a new submission.
  const [attemptId, setAttemptId] = useState(submissionId);
  // The email has an account: after sign-in the same call (same card, same submission) is sent again.
  const [signInFor, setSignInFor] = useState<string | null>(null);
  const lastCall = useRef<Parameters<typeof startCardSubscriptionAction>[0] | null>(null);

  async function send(input: Parameters<typeof startCardSubscriptionAction>[0]) {
    lastCall.current = input;
    setPending(true);
    setError(null);
    const result = await startCardSubscriptionAction(input);
    if ("signIn" in result) setSignInFor(result.email);
    else if (!result.ok) {
      setErrorField(
        "invalid" in result
          ? result.error === t.emailInvalid
            ? "email"
            : null
          : result.code === "card"
            ? "card"
            : null,
      );
      setError(result.error);
      setAccountLink("accountLink" in result && result.accountLink);
      // Only a refused card ends the attempt; after an outage or a refusal of the plan the same attempt is resent.
      if ("code" in result && result.code === "card") setAttemptId(crypto.randomUUID());
    } else setAnswer(result);
    setPending(false);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const card = elements?.getElement(CardElement);
    if (!stripe || !card || pending) return;
    const form = new FormData(event.currentTarget);
    if (form.get("consent") !== "on") {
      setErrorField("consent");
      return setError(t.consentRequired);
    }
    setPending(true);
    setError(null);
    setAccountLink(false);
    const { paymentMethod, error: cardError } = await stripe.createPaymentMethod({ type: "card", card });
    if (cardError || !paymentMethod) {
      setErrorField("card");
      setError(cardError ? failureMessage(cardError.decline_code ?? cardError.code, t) : t.setupNewCardNeeded);
      return setPending(false);
    }
    await send({
      submissionId: attemptId,
      email: form.get("email"),
      locale,
      termsVersion: terms.version,
      plan,
      offer,
      paymentMethodId: paymentMethod.id,
      consent: true,
    });
  }

  if (answer?.ok) {
    const pendingSetup = answer.pendingSetup;
    return pendingSetup ? (
      <PendingSetupRecovery
        subscriptionId={answer.subscriptionId}
        clientSecret={pendingSetup.clientSecret}
        initial={{ status: pendingSetup.status as SetupIntentStatus }}
        autoStart
        t={t}
        doneMessage={doneMessage}
      />
    ) : (
      <div className="notice ok" data-testid="pending-setup" data-step="done">
        <h2>{t.setupDoneTitle}</h2>
        <p role="status">{doneMessage}</p>
      </div>
    );
  }

  if (signInFor) {
    return (
      <div className="notice" data-testid="checkout-sign-in">
        <p role="alert">{t.checkoutSignInRequired}</p>
        <CodeSignIn
          t={t}
          email={signInFor}
          codeAlreadySent
          onSignedIn={() => {
            setSignInFor(null);
            if (lastCall.current) void send(lastCall.current);
          }}
        />
      </div>
    );
  }

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} className="stack" noValidate>
      {accountEmail && <p className="notice">{format(t.checkoutSignedInAs, { email: accountEmail })}</p>}
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
          aria-invalid={errorField === "email"}
          aria-describedby={errorField === "email" ? "card-form-error" : undefined}
        />
      </label>
      <CardMandateFields
        t={t}
        locale={locale}
        terms={terms}
        errorField={errorField}
        errorId="card-form-error"
        error={
          error && (
            <>
              {error}
              {accountLink && (
                <>
                  {" "}
                  <a href="/account">{t.viewAccount}</a>
                </>
              )}
            </>
          )
        }
        pending={pending}
        ready={!!stripe}
        submitLabel={t.cardSubmit}
      />
      <StillWorking pending={pending} text={t.stillWorking} />
    </form>
  );
}
