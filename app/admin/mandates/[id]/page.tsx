import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { MandateActions } from "@/components/admin/mandate-actions";
import { StatusBadge } from "@/components/admin/status-badge";
import { StripeId } from "@/components/admin/stripe-id";
import { ChargesTable } from "@/components/admin/charges-table";
import { chargeRows } from "@/lib/admin/charge-rows";
import { integrityOf, liveMandateStatus } from "@/lib/admin/evidence";
import { requireAdmin } from "@/lib/auth/guard";
import { formatMoney } from "@/lib/catalogue/money";
import { findAdminPayment } from "@/lib/db/admin-payments";
import { auditOfTarget } from "@/lib/db/admin-audit";
import { findMandateEvidence } from "@/lib/db/admin-mandates";
import type { SearchParams } from "@/lib/http/return-query";
import "../../admin.css";

export const dynamic = "force-dynamic";

const ts = (date: Date | null | undefined) => (date ? date.toISOString().replace("T", " ").replace("Z", " UTC") : "—");
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.slice(0, 300);

const OUTCOME_TEXT: Record<string, string> = {
  succeeded: "The charge succeeded.",
  processing: "The charge is processing; its result will follow.",
  requires_action: "The charge needs the customer: they must authorise it themselves.",
  failed: "The charge failed.",
  refused: "Not charged.",
  unavailable: "Stripe did not answer. Nothing is recorded as charged; submit the same form again to retry safely.",
};

const REVOKE_TEXT: Record<string, string> = {
  revoked: "The mandate was revoked and the customer is being emailed.",
  already_revoked: "The mandate was already revoked.",
  refused: "Not revoked.",
  unavailable: "Stripe did not answer; nothing changed. Try again.",
};

/** Action results, read back from the record where there is one. */
async function ActionResult({ query }: { query: Record<string, string | string[] | undefined> }) {
  const error = one(query.error);
  if (error) {
    return (
      <p className="notice bad" role="alert">
        {error === "rate_limited"
          ? `Too many admin actions in a short time: nothing was charged or revoked. Try again in ${Number(one(query.retry)) || 60} seconds.`
          : error === "invalid_charge"
            ? "The charge was not sent: check the amount (a positive amount the currency allows), the description and the confirmation."
            : "Nothing was revoked: give a reason (at least 3 characters) and tick the confirmation."}
      </p>
    );
  }
  const chargeId = one(query.charge);
  if (chargeId) {
    const recorded = await findAdminPayment(chargeId);
    const outcome = recorded && recorded.status !== "pending" ? recorded.status : (one(query.outcome) ?? "unavailable");
    const reason = recorded?.failureMessage ?? one(query.reason);
    const ok = outcome === "succeeded" || outcome === "processing";
    return (
      <div className={`notice ${ok ? "ok" : "bad"}`} role={ok ? "status" : "alert"}>
        <p>{OUTCOME_TEXT[outcome] ?? OUTCOME_TEXT.failed}</p>
        {recorded ? (
          <p>
            {formatMoney(recorded.amount, recorded.currency, "en")} · {recorded.description}
            {recorded.paymentIntentId ? (
              <>
                {" "}
                · <StripeId id={recorded.paymentIntentId} />
              </>
            ) : null}
          </p>
        ) : null}
        {reason ? <p>Reason: {reason}</p> : null}
      </div>
    );
  }
  const revoke = one(query.revoke);
  if (revoke) {
    const ok = revoke === "revoked" || revoke === "already_revoked";
    return (
      <div className={`notice ${ok ? "ok" : "bad"}`} role={ok ? "status" : "alert"}>
        <p>{REVOKE_TEXT[revoke] ?? REVOKE_TEXT.refused}</p>
        {one(query.reason) ? <p>Reason: {one(query.reason)}</p> : null}
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
  const [live, audit, query] = await Promise.all([
    liveMandateStatus(consent.mandateId),
    auditOfTarget("consent", consent.id),
    searchParams,
  ]);
  const integrity = integrityOf(consent);
  const charges = chargeRows(consent.subscription?.payments ?? [], consent.adminPayments);

  return (
    <div className="admin">
      <h1>Mandate evidence</h1>
      <AdminNav current="/admin/mandates" email={admin.email} />
      <ActionResult query={query} />
      <p className="no-print">
        <a href={`/admin/mandates/${consent.id}/evidence.json`} download>
          Download the evidence as JSON
        </a>{" "}
        · Print this page for a paper copy.
      </p>

      <section aria-labelledby="integrity">
        <h2 id="integrity">Terms as shown and agreed</h2>
        <p>
          Integrity:{" "}
          <strong data-testid="integrity">
            <StatusBadge status={integrity.intact ? "intact" : "altered"} />
          </strong>{" "}
          {integrity.intact
            ? "the stored text hashes to the SHA-256 recorded at consent."
            : "the stored text no longer matches the SHA-256 recorded at consent: it was altered after the fact."}
        </p>
        <dl className="facts">
          <div>
            <dt>Version</dt>
            <dd>{consent.termsVersion}</dd>
          </div>
          <div>
            <dt>Language</dt>
            <dd>{consent.termsLocale}</dd>
          </div>
          <div>
            <dt>SHA-256 recorded</dt>
            <dd className="mono">{consent.termsSha256}</dd>
          </div>
          <div>
            <dt>SHA-256 now</dt>
            <dd className="mono">{integrity.recomputed}</dd>
          </div>
        </dl>
        <div className="terms-text" lang={consent.termsLocale}>
          {consent.termsText}
        </div>
      </section>

      <section aria-labelledby="acceptance">
        <h2 id="acceptance">Acceptance</h2>
        <dl className="facts">
          <div>
            <dt>Accepted at</dt>
            <dd>{ts(consent.acceptedAt)}</dd>
          </div>
          <div>
            <dt>IP address</dt>
            <dd className="mono">{consent.ipAddress}</dd>
          </div>
          <div>
            <dt>User agent</dt>
            <dd className="mono">{consent.userAgent}</dd>
          </div>
          <div>
            <dt>Method</dt>
            <dd>{consent.paymentMethodType.replace(/_/g, " ")}</dd>
          </div>
          <div>
            <dt>Purpose</dt>
            <dd>
              {consent.purpose.replace(/_/g, " ")}
              {consent.offer ? ` (${consent.offer})` : ""}
            </dd>
          </div>
          <div>
            <dt>Customer</dt>
            <dd>
              <Link href={`/admin/customers/${consent.customer.id}`}>{consent.customer.email}</Link>
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="status">
        <h2 id="status">Status</h2>
        <dl className="facts">
          <div>
            <dt>Recorded</dt>
            <dd>
              <StatusBadge status={consent.status} />
              {consent.statusReason ? ` — ${consent.statusReason}` : ""}
            </dd>
          </div>
          <div>
            <dt>Mandate at Stripe now</dt>
            <dd data-testid="live-mandate">
              {live === null ? (
                "no mandate id recorded"
              ) : "error" in live ? (
                live.error
              ) : (
                <StatusBadge status={live.status} />
              )}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="stripe-ids">
        <h2 id="stripe-ids">Stripe ids</h2>
        <dl className="facts">
          <div>
            <dt>Customer</dt>
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
            <dt>Price</dt>
            <dd>
              <StripeId id={consent.priceId} />
            </dd>
          </div>
          <div>
            <dt>Subscription</dt>
            <dd>
              <StripeId id={consent.subscription?.stripeSubscriptionId} />
              {consent.subscription ? ` (${consent.subscription.status})` : ""}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="history">
        <h2 id="history">Status history</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Source</th>
              <th scope="col">Reason</th>
              <th scope="col">Stripe event</th>
            </tr>
          </thead>
          <tbody>
            {consent.history.map((row) => (
              <tr key={row.id}>
                <td>{ts(row.occurredAt)}</td>
                <td>{row.fromStatus ?? "—"}</td>
                <td>{row.toStatus}</td>
                <td>{row.source}</td>
                <td>{row.reason ?? "—"}</td>
                <td className="mono">{row.stripeEventId ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="charges">
        <h2 id="charges">Charges under this mandate</h2>
        <ChargesTable rows={charges} empty="No charges yet." />
      </section>

      <section aria-labelledby="actions" className="no-print">
        <h2 id="actions">Actions</h2>
        <MandateActions consent={consent} />
      </section>

      <section aria-labelledby="audit">
        <h2 id="audit">Admin actions on this mandate</h2>
        {audit.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {audit.map((entry) => (
              <li key={entry.id}>
                {ts(entry.createdAt)} — {entry.adminEmail}: {entry.action} → {entry.outcome}
                {entry.detail ? ` (${entry.detail})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
