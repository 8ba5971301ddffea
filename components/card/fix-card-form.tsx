"use client";

import Link from "next/link";
import { CardElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { CardMandateFields } from "./card-mandate-fields";
import { useEffect, useRef, useState, type FormEvent } from "react";
import {
  continueCardFixAction,
  startCardFixAction,
  type CardFixAnswer,
} from "@/app/account/subscriptions/[id]/fix/card-actions";
import { failureMessage } from "@/lib/i18n/error-message";
import type { Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import { cardBrandName } from "@/lib/mandate/card-brands";

interface Props {
  subscriptionId: string;
  submissionId: string;
  locale: Locale;
  terms: { text: string; version: string };
  submitLabel: string;
  t: Messages;
}

/**
 * A card for a subscription: card + consent; Stripe.js confirms the card's
 * SetupIntent (3D Secure on the page if the bank asks), the server makes it
 * the subscription's method and pays what is owed, and a payment that needs
 * 3D Secure is authenticated here too. After every step the server re-reads.
 */
export function FixCardForm({ subscriptionId, submissionId, locale, terms, submitLabel, t }: Props) {
  const stripe = useStripe();
  const elements = useElements();
  const [done, setDone] = useState<Extract<CardFixAnswer, { step: "done" }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errorField, setErrorField] = useState<"consent" | "card" | null>(null);
  const [pending, setPending] = useState(false);
  // A refused card ends that attempt; the next card is a new consent.
  const [attemptId, setAttemptId] = useState(submissionId);
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
    (target ?? form?.querySelector<HTMLElement>("#fix-card-error"))?.focus();
  }, [error, errorField]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const card = elements?.getElement(CardElement);
    if (!stripe || !card || pending) return;
    if (new FormData(event.currentTarget).get("consent") !== "on") {
      setErrorField("consent");
      return setError(t.consentRequired);
    }
    setPending(true);
    setError(null);
    setErrorField(null);
    const { paymentMethod, error: cardError } = await stripe.createPaymentMethod({ type: "card", card });
    if (cardError || !paymentMethod) {
      setErrorField("card");
      setError(cardError ? failureMessage(cardError.decline_code ?? cardError.code, t) : t.setupNewCardNeeded);
      return setPending(false);
    }
    let answer = await startCardFixAction({
      subscription: subscriptionId,
      submissionId: attemptId,
      locale,
      termsVersion: terms.version,
      paymentMethodId: paymentMethod.id,
      consent: true,
    });
    // Each browser step is followed by the server's own reading of Stripe; a step
    // still open after its try (the dialog closed) stops here with a word of why.
    const tried = new Set<string>();
    while (answer.ok && answer.step !== "done" && !tried.has(answer.step)) {
      const { consentId, step, clientSecret } = answer;
      tried.add(step);
      if (step === "confirm_setup") await stripe.confirmCardSetup(clientSecret);
      else await stripe.handleNextAction({ clientSecret });
      answer = await continueCardFixAction({ consentId, paymentAuthenticated: step === "authenticate_payment" });
    }
    if (answer.ok && answer.step === "done") setDone(answer);
    else {
      setErrorField("card");
      setError(answer.ok ? t.setupNewCardNeeded : answer.error);
      setAttemptId(crypto.randomUUID());
    }
    setPending(false);
  }

  if (done) {
    const method = done.card
      ? format(t.cardEnding, { brand: cardBrandName(done.card.brand), last4: done.card.last4 })
      : t.cardDetails;
    return (
      <div className="notice ok" data-testid="fix-result" data-status={done.status}>
        <h2>{t.fixDoneTitle}</h2>
        <p role="status">{format(t.fixDoneBody, { method })}</p>
        <Link href="/account">{t.backToAccount}</Link>
      </div>
    );
  }

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} className="stack" noValidate data-testid="fix-card">
      <CardMandateFields
        t={t}
        locale={locale}
        terms={terms}
        errorField={errorField}
        errorId="fix-card-error"
        error={error}
        pending={pending}
        ready={!!stripe}
        submitLabel={submitLabel}
      />
    </form>
  );
}
