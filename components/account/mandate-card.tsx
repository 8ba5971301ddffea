import { revokeWalletAction } from "@/app/account/actions";
import type { ConsentStatusChange, MandateConsent } from "@/lib/db/models";
import { reasonForCustomer } from "@/lib/i18n/error-message";
import { formatTimestamp } from "@/lib/i18n/dates";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { WALLET_NAMES, isWallet } from "@/lib/mandate/wallets";

interface Props {
  consent: MandateConsent & { history: ConsentStatusChange[] };
  resumeUrl: string | null;
  t: Messages;
  locale: Locale;
}

/** One consent record: the exact text shown, when it was accepted, and what happened since. */
export function MandateCard({ consent, resumeUrl, t, locale }: Props) {
  const wallet = isWallet(consent.paymentMethodType)
    ? WALLET_NAMES[consent.paymentMethodType]
    : consent.paymentMethodType;
  const status = t[`consent_${consent.status}` as keyof Messages] ?? consent.status;
  return (
    <article className="card" data-testid="mandate" data-status={consent.status}>
      <h3>
        {wallet} · {status}
      </h3>
      <dl className="facts">
        <dt>{t.acceptedAt}</dt>
        <dd>{formatTimestamp(consent.acceptedAt, locale)}</dd>
        {consent.mandateId && (
          <>
            <dt>{t.mandate}</dt>
            <dd>{consent.mandateId}</dd>
          </>
        )}
        {reasonForCustomer(consent.statusReason, t) && (
          <>
            <dt>{t.reason}</dt>
            <dd>{reasonForCustomer(consent.statusReason, t)}</dd>
          </>
        )}
      </dl>
      <details>
        <summary>
          {t.termsShown} ({t.termsVersion} {consent.termsVersion} · {consent.termsLocale})
        </summary>
        <p className="terms" lang={consent.termsLocale} data-testid="agreed-terms">
          {consent.termsText}
        </p>
      </details>
      <details>
        <summary>{t.history}</summary>
        <ol className="history">
          {consent.history.map((change) => (
            <li key={change.id}>
              {formatTimestamp(change.occurredAt, locale)}: {change.fromStatus ?? "—"} → {change.toStatus} (
              {change.source}
              {change.reason ? `: ${change.reason}` : ""})
            </li>
          ))}
        </ol>
      </details>
      {consent.status === "pending" && resumeUrl && (
        <a className="primary" href={resumeUrl}>
          {t.continueSetup}
        </a>
      )}
      {consent.status === "active" && (
        <form action={revokeWalletAction} className="actions">
          <input type="hidden" name="consent" value={consent.id} />
          <p className="terms-meta">{t.revokeHint}</p>
          <button type="submit">{t.revokeWallet}</button>
        </form>
      )}
    </article>
  );
}
