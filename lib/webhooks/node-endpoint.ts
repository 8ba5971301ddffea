/**
 * The webhook endpoint on a plain Node HTTP server (scripts/serve.ts answers
 * POST /api/webhooks/stripe with it before handing anything to Next): the body
 * is read with the same 1 MB cap, the delivery goes through ingestDelivery,
 * and the answer carries the headers every response of the app carries.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "@/lib/http/security-headers";
import { ingestDelivery } from "./ingest";
import { MAX_WEBHOOK_BODY_BYTES } from "./verify";

export const WEBHOOK_PATH = "/api/webhooks/stripe";

const HEADERS: Record<string, string> = {
  ...Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key.toLowerCase(), value])),
  "content-security-policy": API_CONTENT_SECURITY_POLICY,
  "cache-control": "no-store",
  "content-type": "application/json",
};

/** True for a request this endpoint answers (other methods on the path are left to Next: 405). */
export function isWebhookDelivery(req: IncomingMessage): boolean {
  if (req.method !== "POST" || !req.url) return false;
  const query = req.url.indexOf("?");
  return (query === -1 ? req.url : req.url.slice(0, query)) === WEBHOOK_PATH;
}

/** The body, or null past `limit` bytes (refused from Content-Length first, then while streaming). */
function readBoundedNodeBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        req.removeAllListeners("data");
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, close = false): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...HEADERS,
    "content-length": Buffer.byteLength(json),
    ...(close && { connection: "close" }),
  });
  res.end(json);
}

export async function handleWebhookDelivery(
  req: IncomingMessage,
  res: ServerResponse,
  onQueued: () => void,
): Promise<void> {
  try {
    const payload = await readBoundedNodeBody(req, MAX_WEBHOOK_BODY_BYTES);
    // Past the cap the rest of the body is not read: the connection closes after the answer.
    if (payload === null) return send(res, 413, { error: "Body too large" }, true);
    const signature = req.headers["stripe-signature"];
    const answer = await ingestDelivery(payload, typeof signature === "string" ? signature : null, onQueued);
    send(res, answer.status, answer.body);
  } catch (error) {
    console.error("webhook delivery:", error instanceof Error ? error.message : error);
    if (!res.headersSent) send(res, 500, { error: "Not stored; Stripe will retry" });
  }
}
