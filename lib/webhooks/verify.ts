/**
 * Everything the webhook route checks before storing a delivery: a bounded
 * body, Stripe's signature with its timestamp inside the tolerance both ways
 * (the SDK only refuses old ones), and the shape the inbox and handlers need.
 */
import type Stripe from "stripe";

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
export const SIGNATURE_TOLERANCE_SECONDS = 300;
const EVENT_ID = /^evt_[A-Za-z0-9_]{1,251}$/;
const MAX_TYPE_LENGTH = 100;
const MAX_OBJECT_ID_LENGTH = 255;

export type Refusal = { ok: false; status: 400 | 413; error: string };

export interface VerifiedEvent {
  ok: true;
  payload: string;
  id: string;
  type: string;
  objectId: string | null;
  created: number | null;
}

/** Reads at most `limit` bytes: refuses from Content-Length first, then while streaming, before buffering more. */
export async function readBoundedBody(request: Request, limit = MAX_WEBHOOK_BODY_BYTES): Promise<string | Refusal> {
  const tooLarge: Refusal = { ok: false, status: 413, error: "Body too large" };
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return tooLarge;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return tooLarge;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The `t=` of a Stripe-Signature header, or null. */
function signatureTimestamp(header: string): number | null {
  const match = /(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(header);
  return match ? Number(match[1]) : null;
}

export function verifyWebhook(
  webhooks: Stripe["webhooks"],
  payload: string,
  signature: string | null,
  secret: string,
  nowMs = Date.now(),
): VerifiedEvent | Refusal {
  const refuse = (error: string): Refusal => ({ ok: false, status: 400, error });
  if (!signature) return refuse("Missing Stripe-Signature header");
  const timestamp = signatureTimestamp(signature);
  if (timestamp === null) return refuse("Invalid signature or payload");
  if (timestamp - nowMs / 1000 > SIGNATURE_TOLERANCE_SECONDS) return refuse("Signature timestamp is in the future");

  let event: unknown;
  try {
    event = webhooks.constructEvent(payload, signature, secret, SIGNATURE_TOLERANCE_SECONDS, undefined, nowMs);
  } catch {
    return refuse("Invalid signature or payload");
  }
  return checkShape(event, payload) ?? refuse("Not a Stripe event");
}

function checkShape(event: unknown, payload: string): VerifiedEvent | null {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return null;
  const { id, type, created, data } = event as Record<string, unknown>;
  if (typeof id !== "string" || !EVENT_ID.test(id)) return null;
  if (typeof type !== "string" || type.length === 0 || type.length > MAX_TYPE_LENGTH) return null;
  if (typeof data !== "object" || data === null) return null;
  const object = (data as Record<string, unknown>).object;
  if (typeof object !== "object" || object === null || Array.isArray(object)) return null;
  const objectId = (object as Record<string, unknown>).id;
  return {
    ok: true,
    payload,
    id,
    type,
    objectId: typeof objectId === "string" && objectId.length <= MAX_OBJECT_ID_LENGTH ? objectId : null,
    created: typeof created === "number" && Number.isSafeInteger(created) ? created : null,
  };
}
