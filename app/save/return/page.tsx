import Link from "next/link";
import { cookies } from "next/headers";
import { z } from "zod";
import { completeWalletSetup, type WalletReturnView } from "@/lib/billing/complete-wallet-setup";
import { requestMessages } from "@/lib/i18n/request-locale";
import { format, type Messages } from "@/lib/i18n/messages";
import { WALLET_NAMES, isWallet } from "@/lib/mandate/wallets";
import { SESSION_COOKIE, verifySession } from "@/lib/session";

export const dynamic = "force-dynamic";

const ReturnQuery = z.object({
  consent: z.string().min(1).max(64),
  setup_intent: z.string().regex(/^seti_\w+$/),
  setup_intent_client_secret: z.string().min(1).max(200),
});

/** The wallet's return_url. redirect_status is ignored: the record follows Stripe's SetupIntent. */
export default async function WalletReturnPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { t } = await requestMessages();
  const query = ReturnQuery.safeParse(await searchParams);
  if (!query.success) return <Refused t={t} message={t.refusedUnknown} />;

  const sessionCustomerId = verifySession((await cookies()).get(SESSION_COOKIE)?.value);
  const view = await completeWalletSetup(
    { consentId: query.data.consent, setupIntentId: query.data.setup_intent, clientSecret: query.data.setup_intent_client_secret },
    sessionCustomerId,
  );
  return <ReturnView view={view} t={t} />;
}

function ReturnView({ view, t }: { view: WalletReturnView; t: Messages }) {
  if (view.kind === "refused") {
    const message = { unknown: t.refusedUnknown, mismatch: t.refusedMismatch, other_session: t.refusedOtherSession }[view.reason];
    return <Refused t={t} message={message} />;
  }
  if (view.kind === "unavailable") {
    return (
      <div className="notice warn" role="alert">
        <h1>{t.unavailableTitle}</h1>
        <p>{view.message}</p>
      </div>
    );
  }
  const wallet = isWallet(view.wallet) ? WALLET_NAMES[view.wallet] : view.wallet;
  const retryHref = `/save?wallet=${encodeURIComponent(view.wallet)}&email=${encodeURIComponent(view.email)}`;
  const copy = {
    active: { tone: "ok", title: t.returnActiveTitle, body: t.returnActiveBody },
    failed: { tone: "bad", title: t.returnFailedTitle, body: t.returnFailedBody },
    pending: { tone: "warn", title: t.returnPendingTitle, body: t.returnPendingBody },
    revoked: { tone: "warn", title: t.returnRevokedTitle, body: t.returnRevokedBody },
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
        {view.reason && (
          <>
            <dt>{t.reason}</dt>
            <dd>{view.reason}</dd>
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
      {(view.status === "failed" || view.status === "pending") && (
        <p>
          <Link href={retryHref}>{t.tryAgain}</Link>
        </p>
      )}
    </div>
  );
}

function Refused({ t, message }: { t: Messages; message: string }) {
  return (
    <div className="notice bad" role="alert" data-testid="setup-result" data-status="refused">
      <h1>{t.refusedTitle}</h1>
      <p>{message}</p>
      <p>
        <Link href="/save">{t.tryAgain}</Link>
      </p>
    </div>
  );
}
