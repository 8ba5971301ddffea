import Link from "next/link";
import { revokeWalletAction } from "@/app/account/actions";
import { fixPath } from "@/lib/billing/fix-path";
import type { ConsentStatusChange, MandateConsent, Subscription } from "@/lib/db/models";
import { formatMoney } from "@/lib/catalogue/money";
import { formatTimestamp } from "@/lib/i18n/dates";
import { reasonForCustomer } from "@/lib/i18n/error-message";
import type { Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import { methodName, type PaymentMethodKind } from "@/lib/mandate/wallets";
import { cardBrandName } from "@/lib/mandate/card-brands";
import { ConfirmPanel } from "./confirm-panel";

interface Props {
  consent: MandateConsent & { history: ConsentStatusChange[] };
  resumeUrl: string | null;
  /** Live subscriptions this method pays: revoking it warns first. */
  pays: Subscription[];
  /** The customer asked to revoke it and must confirm (or choose what becomes of the subscription). */
  confirming: boolean;
  t: Messages;
  locale: Locale;
}

/** One saved payment method and its consent: the exact text shown, when it was accepted, and what happened since. */
export function MandateCard({ consent, resumeUrl, pays, confirming, t, locale }: Props) {
  const kind = consent.paymentMethodType as PaymentMethodKind;
  const name =
    kind === "card" && consent.cardBrand && consent.cardLast4
      ? format(t.cardEnding, { brand: cardBrandName(consent.cardBrand), last4: consent.cardLast4 })
      : methodName(kind, locale);
  const statusOf = (s: string) => t[`consent_${s}` as keyof Messages] ?? s;
  const reason = reasonForCustomer(consent.statusReason, t);
  return (
    <article
      className="card"
      id={`consent-${consent.id}`}
      data-testid="mandate"
      data-status={consent.status}
      data-consent={consent.id}
    >
      <h3>
        {name} · {statusOf(consent.status)}
      </h3>
      <dl className="facts">
        <dt>{t.acceptedAt}</dt>
        <dd>{formatTimestamp(consent.acceptedAt, locale)}</dd>
        {pays.length > 0 && consent.status === "active" && (
          <>
            <dt>{t.paysSubscription}</dt>
            <dd>
              {pays.map((s) => (
                <span key={s.id} className="nowrap">
                  {formatMoney(s.unitAmount, s.currency, locale)} {t.perMonth}
                </span>
              ))}
            </dd>
          </>
        )}
        {consent.mandateId && (
          <>
            <dt>{t.mandate}</dt>
            <dd className="id">{consent.mandateId}</dd>
          </>
        )}
        {reason && (
          <>
            <dt>{t.reason}</dt>
            <dd>{reason}</dd>
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
              {formatTimestamp(change.occurredAt, locale)}: {change.fromStatus ? statusOf(change.fromStatus) : "—"} →{" "}
              {statusOf(change.toStatus)} ({t[`source_${change.source}` as keyof Messages] ?? change.source}
              {reasonForCustomer(change.reason, t) ? `: ${reasonForCustomer(change.reason, t)}` : ""})
            </li>
          ))}
        </ol>
      </details>
      {consent.status === "pending" && resumeUrl && (
        <a className="primary" href={resumeUrl}>
          {t.continueSetup}
        </a>
      )}
      {consent.status === "active" && confirming && pays.length > 0 && (
        <div className="notice warn" data-testid="revoke-warning">
          <h4>{t.revokeWarnTitle}</h4>
          {pays.map((s) => (
            <p key={s.id}>
              {format(t.revokeWarnBody, {
                method: name,
                amount: formatMoney(s.unitAmount, s.currency, locale),
              })}
            </p>
          ))}
          <div className="actions">
            <Link className="primary" href={fixPath(pays[0]!.id)}>
              {t.revokeReplace}
            </Link>
            <form action={revokeWalletAction}>
              <input type="hidden" name="consent" value={consent.id} />
              <input type="hidden" name="confirmed" value="yes" />
              <input type="hidden" name="subscriptions" value="cancel_at_period_end" />
              <button type="submit">{t.revokeCancelSubscription}</button>
            </form>
            <Link href="/account">{t.keepIt}</Link>
          </div>
        </div>
      )}
      {consent.status === "active" && confirming && pays.length === 0 && (
        <ConfirmPanel
          t={t}
          body={t.confirmRevokeBody}
          action={revokeWalletAction}
          fields={{ consent: consent.id, confirmed: "yes" }}
          confirmLabel={t.confirmRevoke}
        />
      )}
      {consent.status === "active" && !confirming && (
        <div className="actions">
          <p className="terms-meta">{t.revokeHint}</p>
          <Link className="button" href={`/account?revoke=${encodeURIComponent(consent.id)}#consent-${consent.id}`}>
            {t.revokeMethod}
          </Link>
        </div>
      )}
    </article>
  );
}
