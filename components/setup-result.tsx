import Link from "next/link";
import type { WalletReturnView } from "@/lib/billing/complete-wallet-setup";
import { errorMessage, reasonForCustomer } from "@/lib/i18n/error-message";
import { format, type Messages } from "@/lib/i18n/messages";
import { WALLET_NAMES, isWallet } from "@/lib/mandate/wallets";

/** What became of a wallet authorization, as the return page shows it. */
export function SetupResult({
  view,
  t,
  retryHref,
}: {
  view: WalletReturnView;
  t: Messages;
  retryHref: (wallet: string, email: string) => string;
}) {
  if (view.kind === "refused") {
    const message = { unknown: t.refusedUnknown, mismatch: t.refusedMismatch, other_session: t.refusedOtherSession }[
      view.reason
    ];
    return <Refused t={t} message={message} />;
  }
  if (view.kind === "unavailable") {
    return <Unavailable t={t} message={errorMessage(view.code, view.message, t)} testId="setup-result" />;
  }
  const wallet = isWallet(view.wallet) ? WALLET_NAMES[view.wallet] : view.wallet;
  const copy = {
    active: { tone: "ok", title: t.returnActiveTitle, body: t.returnActiveBody },
    failed: { tone: "bad", title: t.returnFailedTitle, body: t.returnFailedBody },
    pending: { tone: "warn", title: t.returnPendingTitle, body: t.returnPendingBody },
    revoked: { tone: "warn", title: t.returnRevokedTitle, body: t.returnRevokedBody },
    expired: { tone: "warn", title: t.returnExpiredTitle, body: t.returnExpiredBody },
  }[view.status];
  return (
    <div className={`notice ${copy.tone}`} data-testid="setup-result" data-status={view.status}>
      <h1>{copy.title}</h1>
      <p>{format(copy.body, { wallet })}</p>
      <dl className="facts">
        <dt>{t.reference}</dt>
        <dd>{view.consentId}</dd>
        {view.paymentMethodId && (
          <>
            <dt>{t.paymentMethod}</dt>
            <dd>{view.paymentMethodId}</dd>
          </>
        )}
        {view.mandateId && (
          <>
            <dt>{t.mandate}</dt>
            <dd>{view.mandateId}</dd>
          </>
        )}
        {reasonForCustomer(view.reason, t) && (
          <>
            <dt>{t.reason}</dt>
            <dd>{reasonForCustomer(view.reason, t)}</dd>
          </>
        )}
      </dl>
      {view.status === "pending" && view.resumeUrl && (
        <p>
          <a className="primary" href={view.resumeUrl}>
            {t.continueInWallet}
          </a>
        </p>
      )}
      {(view.status === "failed" || view.status === "pending" || view.status === "expired") && (
        <p>
          <Link href={retryHref(view.wallet, view.email)}>{t.tryAgain}</Link>
        </p>
      )}
    </div>
  );
}

export function Refused({ t, message, startOver = "/save" }: { t: Messages; message: string; startOver?: string }) {
  return (
    <div className="notice bad" role="alert" data-testid="setup-result" data-status="refused">
      <h1>{t.refusedTitle}</h1>
      <p>{message}</p>
      <p>
        <Link href={startOver}>{t.tryAgain}</Link>
      </p>
    </div>
  );
}

/** Stripe could not be asked (or refused): nothing changed, and the page says so. */
export function Unavailable({
  t,
  message,
  testId,
  status = "unavailable",
}: {
  t: Messages;
  message: string;
  testId: string;
  status?: string;
}) {
  return (
    <div className="notice warn" role="alert" data-testid={testId} data-status={status}>
      <h1>{t.unavailableTitle}</h1>
      <p>{message}</p>
    </div>
  );
}
