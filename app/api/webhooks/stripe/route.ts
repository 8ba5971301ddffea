import { API_CONTENT_SECURITY_POLICY } from "@/lib/http/security-headers";
import { ingestDelivery } from "@/lib/webhooks/ingest";
import { readBoundedBody } from "@/lib/webhooks/verify";
import { kickInboxWorker } from "@/lib/webhooks/worker";

export const dynamic = "force-dynamic";

/**
 * Stripe's webhook endpoint under `next start` / `next dev`. The production
 * server (scripts/serve.ts) answers this path itself before Next, with the
 * same ingestDelivery (lib/webhooks/node-endpoint.ts): Next's request pipeline
 * costs several times the work of storing an event.
 */
export async function POST(request: Request): Promise<Response> {
  const body = await readBoundedBody(request);
  const answer =
    typeof body === "string"
      ? await ingestDelivery(body, request.headers.get("stripe-signature"), kickInboxWorker)
      : { status: body.status, body: { error: body.error } };
  return Response.json(answer.body, {
    status: answer.status,
    headers: { "content-security-policy": API_CONTENT_SECURITY_POLICY },
  });
}
