"use client";

import { CardElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { useRef, useState, type FormEvent } from "react";
import { CodeSignIn } from "@/components/auth/code-sign-in";
import { startCardSubscriptionAction, type CardSubscribeAnswer } from "@/app/subscribe/[plan]/card-actions";
import { MandateTerms } from "@/components/mandate-terms";
import type { OfferId } from "@/lib/catalogue/offers";
import type { Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import type { SetupIntentStatus } from "@/lib/billing/pending-setup-state";
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
      setError(result.error);
      setAttemptId(crypto.randomUUID());
    } else setAnswer(result);
    setPending(false);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const card = elements?.getElement(CardElement);
    if (!stripe || !card || pending) return;
    const form = new FormData(event.currentTarget);
    if (form.get("consent") !== "on") return setError(t.consentRequired);
    setPending(true);
    setError(null);
    const { paymentMethod, error: cardError } = await stripe.createPaymentMethod({ type: "card", card });
    if (cardError || !paymentMethod) {
      setError(cardError?.message ?? t.setupNewCardNeeded);
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
    <form onSubmit={(event) => void submit(event)} className="stack" noValidate>
      {accountEmail && <p className="notice">{format(t.checkoutSignedInAs, { email: accountEmail })}</p>}
      <label>
        {t.email}
        <input
          type="email"
          name="email"
          required
          defaultValue={accountEmail ?? initialEmail}
          readOnly={!!accountEmail}
          autoComplete="email"
        />
      </label>
      <div>
        <p>
          <strong>{t.cardDetails}</strong>
        </p>
        <div className="stripe-element">
          <CardElement />
        </div>
      </div>
      <MandateTerms text={terms.text} version={terms.version} locale={locale} t={t} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={pending || !stripe}>
          {pending ? t.submitting : t.cardSubmit}
        </button>
      </div>
    </form>
  );
}
