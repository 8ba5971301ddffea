import { randomUUID } from "node:crypto";
import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatusBadge } from "@/components/admin/status-badge";
import { listTime } from "@/lib/admin/labels";
import { requireAdmin } from "@/lib/auth/guard";
import { listWebhookEventsPage, type WebhookState } from "@/lib/db/admin-webhooks";
import { ownText, type SearchParams } from "@/lib/http/return-query";
import { webhookEventState } from "@/lib/db/webhook-events";
import { format, type Messages } from "@/lib/i18n/messages";
import { titled } from "@/lib/i18n/page-title";
import { requestMessages } from "@/lib/i18n/request-locale";
import { replayAction } from "./actions";
import "../admin.css";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("adminWebhooksTitle");

const STATES: WebhookState[] = ["all", "failed", "waiting", "processed"];
const replayText = (t: Messages): Record<string, string> => ({
  queued: t.adminReplayQueued,
  already_processed: t.adminReplayAlreadyProcessed,
  not_failed: t.adminReplayNotFailed,
  not_found: t.adminReplayNotFound,
  invalid: t.adminReplayInvalid,
  rate_limited: t.adminReplayRateLimited,
});

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function decode(value: string | undefined) {
  const match = value?.match(/^(\d{1,15})\.(evt_\w{1,100})$/);
  return match ? { receivedAt: new Date(Number(match[1])), id: match[2]! } : null;
}

/** The webhook inbox: what arrived, what was processed, what failed (with the error), and a replay. */
export default async function AdminWebhooksPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const { t, locale } = await requestMessages();
  const ts = (date: Date | null) => listTime(date, locale);
  const query = await searchParams;
  const state = STATES.includes(one(query.state) as WebhookState) ? (one(query.state) as WebhookState) : "all";
  const page = await listWebhookEventsPage(state, decode(one(query.after)));
  const replay = one(query.replay);
  // Shown only when it is an event id: no other text from the address reaches the page.
  const eventId = /^evt_\w{1,255}$/.test(one(query.event) ?? "") ? one(query.event) : null;
  const ok = replay === "queued" || replay === "already_processed";
  return (
    <div className="admin">
      <h1>{t.adminWebhooksTitle}</h1>
      <AdminNav current="/admin/webhooks" email={admin.email} t={t} />
      {replay ? (
        <p className={`notice ${ok ? "ok" : "bad"}`} role={ok ? "status" : "alert"}>
          {ownText(replayText(t), replay) ?? t.adminReplayNotFound} {eventId ? <code>{eventId}</code> : null}
        </p>
      ) : null}
      <nav className="pager" aria-label={t.adminWebhookFilter}>
        {STATES.map((s) => (
          <Link key={s} href={`/admin/webhooks?state=${s}`} aria-current={s === state ? "page" : undefined}>
            {t[`adminWebhookState_${s}`]}
          </Link>
        ))}
      </nav>
      <p className="muted">{t.adminDuplicatesNote}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.adminColReceived}</th>
            <th scope="col">{t.adminColEvent}</th>
            <th scope="col">{t.adminColType}</th>
            <th scope="col">{t.adminColObject}</th>
            <th scope="col">{t.adminColState}</th>
            <th scope="col">{t.adminColError}</th>
            <th scope="col">{t.adminColReplay}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.length === 0 ? (
            <tr>
              <td colSpan={7}>{t.adminNoEvents}</td>
            </tr>
          ) : (
            page.rows.map((event) => (
              <tr key={event.id}>
                <td>{ts(event.receivedAt)}</td>
                <td className="mono">{event.id}</td>
                <td>{event.type}</td>
                <td className="mono">{event.objectId ?? "—"}</td>
                <td>
                  <StatusBadge status={webhookEventState(event)} domain="event" t={t} />
                  {event.processedAt ? <div className="muted">{ts(event.processedAt)}</div> : null}
                </td>
                <td>{event.error ?? "—"}</td>
                <td>
                  {event.processedAt ? null : (
                    <form action={replayAction}>
                      <input type="hidden" name="actionId" value={randomUUID()} />
                      <input type="hidden" name="eventId" value={event.id} />
                      <label className="confirm">
                        <input type="checkbox" name="confirm" required /> {t.adminConfirm}
                      </label>{" "}
                      <button type="submit" aria-label={format(t.adminReplayEvent, { event: event.id })}>
                        {t.adminReplay}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <nav className="pager" aria-label={t.adminPages}>
        {page.next ? (
          <Link href={`/admin/webhooks?state=${state}&after=${page.next.receivedAt.getTime()}.${page.next.id}`}>
            {t.adminOlder}
          </Link>
        ) : (
          <span>{t.adminEndOfList}</span>
        )}
      </nav>
    </div>
  );
}
