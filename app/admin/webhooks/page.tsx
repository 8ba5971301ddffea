import { randomUUID } from "node:crypto";
import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatusBadge } from "@/components/admin/status-badge";
import { requireAdmin } from "@/lib/auth/guard";
import { listWebhookEventsPage, type WebhookState } from "@/lib/db/admin-webhooks";
import type { SearchParams } from "@/lib/http/return-query";
import { webhookEventState } from "@/lib/db/webhook-events";
import { replayAction } from "./actions";
import "../admin.css";

export const dynamic = "force-dynamic";

const STATES: WebhookState[] = ["all", "failed", "waiting", "processed"];
const REPLAY_TEXT: Record<string, string> = {
  queued: "Replayed: the event is back in the inbox and the worker applies it through the same handler.",
  already_processed: "Already processed: nothing to replay.",
  not_failed: "This event has not failed: the worker is still on it.",
  not_found: "No such event in the inbox.",
  invalid: "The replay was not sent: tick the confirmation.",
  rate_limited: "Too many admin actions in a short time: the replay was not sent. Wait a minute and try again.",
};

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const ts = (date: Date | null) => (date ? date.toISOString().replace("T", " ").slice(0, 19) : "—");

function decode(value: string | undefined) {
  const match = value?.match(/^(\d{1,15})\.(evt_\w{1,100})$/);
  return match ? { receivedAt: new Date(Number(match[1])), id: match[2]! } : null;
}

/** The webhook inbox: what arrived, what was processed, what failed (with the error), and a replay. */
export default async function AdminWebhooksPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const query = await searchParams;
  const state = STATES.includes(one(query.state) as WebhookState) ? (one(query.state) as WebhookState) : "all";
  const page = await listWebhookEventsPage(state, decode(one(query.after)));
  const replay = one(query.replay);
  const ok = replay === "queued" || replay === "already_processed";
  return (
    <div className="admin">
      <h1>Webhook events</h1>
      <AdminNav current="/admin/webhooks" email={admin.email} />
      {replay ? (
        <p className={`notice ${ok ? "ok" : "bad"}`} role={ok ? "status" : "alert"}>
          {REPLAY_TEXT[replay] ?? REPLAY_TEXT.not_found} {one(query.event) ? <code>{one(query.event)}</code> : null}
        </p>
      ) : null}
      <nav className="pager" aria-label="Filter by state">
        {STATES.map((s) => (
          <Link key={s} href={`/admin/webhooks?state=${s}`} aria-current={s === state ? "page" : undefined}>
            {s}
          </Link>
        ))}
      </nav>
      <p className="muted">
        A duplicate delivery of an event is acknowledged without running its handler again; the inbox keeps one row per
        event id.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Received (UTC)</th>
            <th scope="col">Event</th>
            <th scope="col">Type</th>
            <th scope="col">Object</th>
            <th scope="col">State</th>
            <th scope="col">Error</th>
            <th scope="col">Replay</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.length === 0 ? (
            <tr>
              <td colSpan={7}>No events.</td>
            </tr>
          ) : (
            page.rows.map((event) => (
              <tr key={event.id}>
                <td>{ts(event.receivedAt)}</td>
                <td className="mono">{event.id}</td>
                <td>{event.type}</td>
                <td className="mono">{event.objectId ?? "—"}</td>
                <td>
                  <StatusBadge status={webhookEventState(event)} />
                  {event.processedAt ? <div className="muted">{ts(event.processedAt)}</div> : null}
                </td>
                <td>{event.error ?? "—"}</td>
                <td>
                  {event.processedAt ? null : (
                    <form action={replayAction}>
                      <input type="hidden" name="actionId" value={randomUUID()} />
                      <input type="hidden" name="eventId" value={event.id} />
                      <label className="confirm">
                        <input type="checkbox" name="confirm" required /> confirm
                      </label>{" "}
                      <button type="submit" aria-label={`Replay ${event.id}`}>
                        Replay
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages">
        {page.next ? (
          <Link href={`/admin/webhooks?state=${state}&after=${page.next.receivedAt.getTime()}.${page.next.id}`}>
            Older
          </Link>
        ) : (
          <span>End of the list.</span>
        )}
      </nav>
    </div>
  );
}
