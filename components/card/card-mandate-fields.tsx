"use client";

import { CardElement } from "@stripe/react-stripe-js";
import type { ReactNode } from "react";
import { MandateTerms } from "@/components/mandate-terms";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

interface Props {
  t: Messages;
  locale: Locale;
  terms: { text: string; version: string };
  /** Which field the error is about, so it is marked invalid and described by the error. */
  errorField: string | null;
  /** The error paragraph's id (unique per form on the page). */
  errorId: string;
  /** The error to show under the terms, with any link that moves the customer on. */
  error: ReactNode;
  pending: boolean;
  /** Stripe.js has loaded: the card can be confirmed. */
  ready: boolean;
  submitLabel: string;
}

/** The card, the mandate's terms to tick, the error if any, and the submit button: shared by every card form. */
export function CardMandateFields({
  t,
  locale,
  terms,
  errorField,
  errorId,
  error,
  pending,
  ready,
  submitLabel,
}: Props) {
  return (
    <>
      <div>
        <p>
          <strong>{t.cardDetails}</strong>
        </p>
        <div
          className="stripe-element"
          aria-invalid={errorField === "card" || undefined}
          aria-describedby={errorField === "card" ? errorId : undefined}
        >
          <CardElement />
        </div>
      </div>
      <MandateTerms
        text={terms.text}
        version={terms.version}
        locale={locale}
        t={t}
        invalid={errorField === "consent"}
        errorId={errorId}
      />
      {error && (
        <p className="field-error" role="alert" id={errorId} tabIndex={-1}>
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={pending || !ready}>
          {pending ? t.submitting : submitLabel}
        </button>
      </div>
    </>
  );
}
