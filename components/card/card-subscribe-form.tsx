"use client";

import { CardElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { useState, type FormEvent } from "react";
import { startCardSubscriptionAction, type CardSubscribeAnswer } from "@/app/subscribe/[plan]/card-actions";
import { MandateTerms } from "@/components/mandate-terms";
import type { OfferId } from "@/lib/catalogue/offers";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { SetupIntentStatus } from "@/lib/billing/pending-setup-state";
import { StillWorking } from "@/components/still-working";
import { PendingSetupRecovery } from "./pending-setup-recovery";

interface Props {
  submissionId: string;
  locale: Locale;
  plan: string;
  offer: OfferId;
  terms: { text: string; version: string };
  initialEmail: string;
  doneMessage: string;
  t: Messages;
}

/** Card + consent for a deferred-payment subscription; then whatever the pending SetupIntent still needs. */
export function CardSubscribeForm({ submissionId, locale, plan, offer, terms, initialEmail, doneMessage, t }: Props) {
  const stripe = useStripe();
  const elements = useElements();
  const [answer, setAnswer] = useState<CardSubscribeAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [accountLink, setAccountLink] = useState(false);
  const [pending, setPending] = useState(false);
  // A refused card ends that attempt; the next card is a new submission.
  const [attemptId, setAttemptId] = useState(submissionId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const card = elements?.getElement(CardElement);
    if (!stripe || !card || pending) return;
    const form = new FormData(event.currentTarget);
    if (form.get("consent") !== "on") return setError(t.consentRequired);
    setPending(true);
    setError(null);
    setAccountLink(false);
    const { paymentMethod, error: cardError } = await stripe.createPaymentMethod({ type: "card", card });
    if (cardError || !paymentMethod) {
      setError(cardError?.message ?? t.setupNewCardNeeded);
      return setPending(false);
    }
    const result = await startCardSubscriptionAction({
      submissionId: attemptId,
      email: form.get("email"),
      locale,
      termsVersion: terms.version,
      plan,
      offer,
      paymentMethodId: paymentMethod.id,
      consent: true,
    });
    if (!result.ok) {
      setError(result.error);
      setAccountLink("accountLink" in result && result.accountLink);
      // Only a refused card ends the attempt; after an outage or a refusal of the plan the same attempt is resent.
      if ("code" in result && result.code === "card") setAttemptId(crypto.randomUUID());
    } else setAnswer(result);
    setPending(false);
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

  return (
    <form onSubmit={(event) => void submit(event)} className="stack" noValidate>
      <label>
        {t.email}
        <input type="email" name="email" required maxLength={254} defaultValue={initialEmail} autoComplete="email" />
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
          {accountLink && (
            <>
              {" "}
              <a href="/account">{t.viewAccount}</a>
            </>
          )}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={pending || !stripe}>
          {pending ? t.submitting : t.cardSubmit}
        </button>
      </div>
      <StillWorking pending={pending} text={t.stillWorking} />
    </form>
  );
}
