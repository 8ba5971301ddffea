import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { MandateActions } from "@/components/admin/mandate-actions";
import { StatusBadge } from "@/components/admin/status-badge";
import { StripeId } from "@/components/admin/stripe-id";
import { ChargesTable } from "@/components/admin/charges-table";
import { chargeRows } from "@/lib/admin/charge-rows";
import {
  auditActionLabel,
  evidenceTime,
  localeLabel,
  methodLabel,
  purposeLabel,
  sourceLabel,
  statusLabel,
} from "@/lib/admin/labels";
import { integrityOf, liveMandateStatus } from "@/lib/admin/evidence";
import { requireAdmin } from "@/lib/auth/guard";
import { formatMoney } from "@/lib/catalogue/money";
import { findAdminPayment } from "@/lib/db/admin-payments";
import { isAdminRefusal, type AdminRefusal } from "@/lib/admin/refusals";
import { failureReasonOf } from "@/lib/stripe/failure-reasons";
import { auditOfTarget } from "@/lib/db/admin-audit";
import { findMandateEvidence } from "@/lib/db/admin-mandates";
import { ownText, type SearchParams } from "@/lib/http/return-query";
import type { Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import { titled } from "@/lib/i18n/page-title";
import { requestMessages } from "@/lib/i18n/request-locale";
import "../../admin.css";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("adminEvidenceTitle");

// Evidence times stay exact ISO 8601 in UTC in every language: they are what a dispute quotes.
const ts = evidenceTime;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.slice(0, 300);

const outcomeText = (t: Messages): Record<string, string> => ({
  succeeded: t.adminChargeSucceeded,
  processing: t.adminChargeProcessing,
  requires_action: t.adminChargeRequiresAction,
  failed: t.adminChargeFailed,
  refused: t.adminChargeRefused,
  unavailable: t.adminChargeUnavailable,
});

const revokeText = (t: Messages): Record<string, string> => ({
  revoked: t.adminRevokeDone,
  already_revoked: t.adminRevokeAlready,
  refused: t.adminRevokeRefused,
  unavailable: t.adminRevokeUnavailable,
});

/**
 * Why a charge did not go through, in our words: the refusal before Stripe, or
 * the decline's reason (with Stripe's code, which support can look up). Stripe's
 * own text stays in the audit log.
 */
function ChargeReason({ outcome, code, t }: { outcome: string; code: string | null; t: Messages }) {
  if (outcome === "refused") return isAdminRefusal(code) ? <p>{t[`adminRefusal_${code}`]}</p> : null;
  if ((outcome !== "failed" && outcome !== "requires_action") || !code) return null;
  return (
    <>
      <p>{t[`failure_${failureReasonOf(code)}`]}</p>
      <p>{format(t.adminStripeCode, { code })}</p>
    </>
  );
}

/** Action results, read back from the record where there is one. */
async function ActionResult({
  query,
  t,
  locale,
}: {
  query: Record<string, string | string[] | undefined>;
  t: Messages;
  locale: Locale;
}) {
  const error = one(query.error);
  if (error) {
    return (
      <p className="notice bad" role="alert">
        {error === "rate_limited"
          ? format(t.adminActionRateLimited, { seconds: String(Number(one(query.retry)) || 60) })
          : error === "invalid_charge"
            ? t.adminChargeInvalid
            : t.adminRevokeInvalid}
      </p>
    );
  }
  const chargeId = one(query.charge);
  if (chargeId) {
    const recorded = await findAdminPayment(chargeId);
    const refusal = one(query.outcome) === "refused" && isAdminRefusal(one(query.refusal)) ? one(query.refusal)! : null;
    // A form used again for another charge: the row under its action id is the earlier charge, not this answer.
    const row = refusal === "form_reused" ? null : recorded;
    const outcome = row && row.status !== "pending" ? row.status : (one(query.outcome) ?? "unavailable");
    // Codes only: the recorded one, or a refusal from the closed list (never other text from the address).
    const code = row ? row.failureCode : refusal;
    const ok = outcome === "succeeded" || outcome === "processing";
    return (
      <div className={`notice ${ok ? "ok" : "bad"}`} role={ok ? "status" : "alert"}>
        <p>{ownText(outcomeText(t), outcome) ?? t.adminChargeFailed}</p>
        {row ? (
          <p>
            {formatMoney(row.amount, row.currency, locale)} · {row.description}
            {row.paymentIntentId ? (
              <>
                {" "}
                · <StripeId id={row.paymentIntentId} />
              </>
            ) : null}
          </p>
        ) : null}
        <ChargeReason outcome={outcome} code={code} t={t} />
      </div>
    );
  }
  const revoke = one(query.revoke);
  if (revoke) {
    const ok = revoke === "revoked" || revoke === "already_revoked";
    return (
      <div className={`notice ${ok ? "ok" : "bad"}`} role={ok ? "status" : "alert"}>
        <p>{ownText(revokeText(t), revoke) ?? t.adminRevokeRefused}</p>
        {revoke === "refused" && isAdminRefusal(one(query.refusal)) ? (
          <p>{t[`adminRefusal_${one(query.refusal) as AdminRefusal}`]}</p>
        ) : null}
      </div>
    );
  }
  return null;
}

/** One consent's evidence, laid out to be printed for a dispute. */
export default async function AdminMandatePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const admin = await requireAdmin();
  const { id } = await params;
  const consent = await findMandateEvidence(id.slice(0, 64));
  if (!consent) notFound();
  const [live, audit, query, { t, locale }] = await Promise.all([
    liveMandateStatus(consent.mandateId),
    auditOfTarget("consent", consent.id),
    searchParams,
    requestMessages(),
  ]);
  const integrity = integrityOf(consent);
  const charges = chargeRows(consent.subscription?.payments ?? [], consent.adminPayments);

  return (
    <div className="admin">
      <h1>{t.adminEvidenceTitle}</h1>
      <AdminNav current="/admin/mandates" email={admin.email} t={t} />
      <ActionResult query={query} t={t} locale={locale} />
      <p className="no-print">
        <a href={`/admin/mandates/${consent.id}/evidence.json`} download>
          {t.adminDownloadJson}
        </a>{" "}
        · {t.adminPrintHint}
      </p>

      <section aria-labelledby="integrity">
        <h2 id="integrity">{t.adminTermsAgreed}</h2>
        <p>
          {t.adminIntegrity}:{" "}
          <strong data-testid="integrity" data-intact={integrity.intact}>
            <span className={`badge ${integrity.intact ? "intact" : "altered"}`}>
              {integrity.intact ? t.adminIntact : t.adminAltered}
            </span>
          </strong>{" "}
          {integrity.intact ? t.adminIntactBody : t.adminAlteredBody}
        </p>
        <dl className="facts">
          <div>
            <dt>{t.adminVersion}</dt>
            <dd>{consent.termsVersion}</dd>
          </div>
          <div>
            <dt>{t.adminLanguage}</dt>
            <dd>
              {localeLabel(consent.termsLocale)} (<code>{consent.termsLocale}</code>)
            </dd>
          </div>
          <div>
            <dt>{t.adminShaRecorded}</dt>
            <dd className="mono">{consent.termsSha256}</dd>
          </div>
          <div>
            <dt>{t.adminShaNow}</dt>
            <dd className="mono">{integrity.recomputed}</dd>
          </div>
        </dl>
        <div className="terms-text" lang={consent.termsLocale}>
          {consent.termsText}
        </div>
      </section>

      <section aria-labelledby="acceptance">
        <h2 id="acceptance">{t.adminAcceptance}</h2>
        <dl className="facts">
          <div>
            <dt>{t.adminAcceptedAt}</dt>
            <dd>{ts(consent.acceptedAt)}</dd>
          </div>
          <div>
            <dt>{t.adminIpAddress}</dt>
            <dd className="mono">{consent.ipAddress}</dd>
          </div>
          <div>
            <dt>{t.adminUserAgent}</dt>
            <dd className="mono">{consent.userAgent}</dd>
          </div>
          <div>
            <dt>{t.adminMethod}</dt>
            <dd>{methodLabel(t, consent.paymentMethodType)}</dd>
          </div>
          <div>
            <dt>{t.adminPurpose}</dt>
            <dd>
              {purposeLabel(t, consent.purpose)}
              {consent.offer ? ` (${consent.offer})` : ""}
            </dd>
          </div>
          <div>
            <dt>{t.adminCustomer}</dt>
            <dd>
              <Link href={`/admin/customers/${consent.customer.id}`}>{consent.customer.email}</Link>
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="status">
        <h2 id="status">{t.adminStatus}</h2>
        <dl className="facts">
          <div>
            <dt>{t.adminRecorded}</dt>
            <dd>
              <StatusBadge status={consent.status} domain="consent" t={t} />
              {consent.statusReason ? ` — ${consent.statusReason}` : ""}
            </dd>
          </div>
          <div>
            <dt>{t.adminLiveMandate}</dt>
            <dd data-testid="live-mandate">
              {live === null ? (
                t.adminNoMandateId
              ) : "error" in live ? (
                t.adminLiveUnavailable
              ) : (
                <StatusBadge status={live.status} domain="mandate" t={t} />
              )}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="stripe-ids">
        <h2 id="stripe-ids">{t.adminStripeIds}</h2>
        <dl className="facts">
          <div>
            <dt>{t.adminCustomer}</dt>
            <dd>
              <StripeId id={consent.customer.stripeCustomerId} />
            </dd>
          </div>
          <div>
            <dt>SetupIntent</dt>
            <dd>
              <StripeId id={consent.setupIntentId} />
            </dd>
          </div>
          <div>
            <dt>PaymentMethod</dt>
            <dd>
              <StripeId id={consent.paymentMethodId} />
            </dd>
          </div>
          <div>
            <dt>Mandate</dt>
            <dd>
              <StripeId id={consent.mandateId} />
            </dd>
          </div>
          <div>
            <dt>{t.adminPrice}</dt>
            <dd>
              <StripeId id={consent.priceId} />
            </dd>
          </div>
          <div>
            <dt>{t.adminSubscription}</dt>
            <dd>
              <StripeId id={consent.subscription?.stripeSubscriptionId} />
              {consent.subscription ? ` (${statusLabel(t, "subscription", consent.subscription.status)})` : ""}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="history">
        <h2 id="history">{t.adminStatusHistory}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.adminColWhen}</th>
              <th scope="col">{t.adminColFrom}</th>
              <th scope="col">{t.adminColTo}</th>
              <th scope="col">{t.adminColSource}</th>
              <th scope="col">{t.adminColReason}</th>
              <th scope="col">{t.adminColStripeEvent}</th>
            </tr>
          </thead>
          <tbody>
            {consent.history.map((row) => (
              <tr key={row.id}>
                <td>{ts(row.occurredAt)}</td>
                <td>{row.fromStatus ? statusLabel(t, "consent", row.fromStatus) : "—"}</td>
                <td>{statusLabel(t, "consent", row.toStatus)}</td>
                <td>{sourceLabel(t, row.source)}</td>
                <td>{row.reason ?? "—"}</td>
                <td className="mono">{row.stripeEventId ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="charges">
        <h2 id="charges">{t.adminChargesUnder}</h2>
        <ChargesTable rows={charges} empty={t.adminNoCharges} t={t} locale={locale} />
      </section>

      <section aria-labelledby="actions" className="no-print">
        <h2 id="actions">{t.adminActions}</h2>
        <MandateActions consent={consent} t={t} />
      </section>

      <section aria-labelledby="audit">
        <h2 id="audit">{t.adminActionsOnMandate}</h2>
        {audit.length === 0 ? (
          <p>{t.adminNone}</p>
        ) : (
          <ul>
            {audit.map((entry) => (
              <li key={entry.id}>
                {format(t.adminAuditLine, {
                  when: ts(entry.createdAt),
                  admin: entry.adminEmail,
                  action: auditActionLabel(t, entry.action),
                  outcome: statusLabel(t, "outcome", entry.outcome),
                })}
                {entry.detail ? ` (${entry.detail})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
