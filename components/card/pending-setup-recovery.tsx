"use client";

import { failureMessage } from "@/lib/i18n/error-message";
import { CardElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { useCallback, useEffect, useRef, useState } from "react";
import { finishPendingSetupAction } from "@/app/subscribe/actions";
import { recoveryStep, type PendingSetupSnapshot, type RecoveryStep } from "@/lib/billing/pending-setup-state";
import type { Messages } from "@/lib/i18n/messages";

interface Props {
  subscriptionId: string;
  clientSecret: string;
  initial: PendingSetupSnapshot;
  /** Start the card's authentication at once (right after subscribing); the account page waits for a click. */
  autoStart: boolean;
  t: Messages;
  doneMessage: string;
}

/**
 * Finishes what Stripe could not when it created the subscription (seed 003):
 * authenticate the card (requires_action), or collect another card and confirm
 * the same SetupIntent with it (requires_payment_method).
 */
export function PendingSetupRecovery({ subscriptionId, clientSecret, initial, autoStart, t, doneMessage }: Props) {
  const stripe = useStripe();
  const elements = useElements();
  const [step, setStep] = useState<RecoveryStep>(() => recoveryStep(initial));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  const confirm = useCallback(
    async (withNewCard: boolean) => {
      if (!stripe) return;
      setBusy(true);
      setError(null);
      const card = withNewCard ? elements?.getElement(CardElement) : null;
      const result = card
        ? await stripe.confirmCardSetup(clientSecret, { payment_method: { card } })
        : await stripe.confirmCardSetup(clientSecret);
      if (result.error) setError(failureMessage(result.error.decline_code ?? result.error.code, t));
      // Whatever Stripe.js said, the server re-reads the intent and records the outcome.
      const finished = await finishPendingSetupAction(subscriptionId);
      if (!finished.ok) setError(finished.error);
      const { setupIntent } = await stripe.retrieveSetupIntent(clientSecret);
      setStep(
        recoveryStep(
          setupIntent ? { status: setupIntent.status, last_setup_error: setupIntent.last_setup_error } : null,
        ),
      );
      setBusy(false);
    },
    [stripe, elements, clientSecret, subscriptionId, t],
  );

  useEffect(() => {
    if (autoStart && stripe && step.kind === "authenticate" && !started.current) {
      started.current = true;
      void confirm(false);
    }
  }, [autoStart, stripe, step.kind, confirm]);

  return (
    <div className="notice" data-testid="pending-setup" data-step={step.kind}>
      {step.kind === "done" && <p role="status">{doneMessage}</p>}
      {step.kind === "processing" && <p>{t.setupProcessing}</p>}
      {step.kind === "canceled" && <p>{t.setupCanceled}</p>}
      {step.kind === "authenticate" && (
        <>
          <h2>{t.pendingSetupTitle}</h2>
          <p>{t.pendingSetupBody}</p>
          <button type="button" className="primary" disabled={busy || !stripe} onClick={() => void confirm(false)}>
            {t.setupAuthenticate}
          </button>
        </>
      )}
      {step.kind === "collect_card" && (
        <>
          <h2>{t.pendingSetupTitle}</h2>
          <p className="field-error" role="alert">
            {step.reason ? failureMessage(step.reason, t) : t.setupNewCardNeeded}
          </p>
          <div className="stripe-element">
            <CardElement />
          </div>
          <p>
            <button type="button" className="primary" disabled={busy || !stripe} onClick={() => void confirm(true)}>
              {t.setupUseCard}
            </button>
          </p>
        </>
      )}
      {error && step.kind !== "collect_card" && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
