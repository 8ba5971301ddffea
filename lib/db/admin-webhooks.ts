import { db } from "./client";
import type { Prisma } from "./generated/sqlite/client";

export type WebhookState = "all" | "failed" | "waiting" | "processed";

export interface WebhookCursor {
  receivedAt: Date;
  id: string;
}

function stateWhere(state: WebhookState): Prisma.WebhookEventWhereInput {
  switch (state) {
    // Parked (out of attempts) or failing and waiting for its next attempt.
    case "failed":
      return { processedAt: null, OR: [{ parkedAt: { not: null } }, { error: { not: null } }] };
    case "waiting":
      return { processedAt: null, parkedAt: null, error: null };
    case "processed":
      return { processedAt: { not: null } };
    default:
      return {};
  }
}

/** The webhook inbox, newest first, by keyset. */
export async function listWebhookEventsPage(state: WebhookState, cursor: WebhookCursor | null, limit = 50) {
  const rows = await db().webhookEvent.findMany({
    where: {
      AND: [
        stateWhere(state),
        cursor
          ? {
              OR: [{ receivedAt: { lt: cursor.receivedAt } }, { receivedAt: cursor.receivedAt, id: { lt: cursor.id } }],
            }
          : {},
      ],
    },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? { receivedAt: last.receivedAt, id: last.id } : null };
}
