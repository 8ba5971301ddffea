/**
 * Idempotency-Key handling as Stripe does it: a key replays the first result
 * for the same request, rejects different parameters, and never runs twice at
 * once.
 */
import { StripeError } from "./errors.js";

export interface SavedResponse {
  method: string;
  path: string;
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
}

/** Stable JSON of the parameters, independent of key order. */
export function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export class IdempotencyStore {
  private readonly saved = new Map<string, SavedResponse>();
  private readonly inFlight = new Set<string>();

  /**
   * Returns the saved response to replay, or null when the request should run.
   * Throws for a parameter mismatch or a concurrent request with the same key.
   */
  check(key: string, method: string, path: string, print: string): SavedResponse | null {
    if (this.inFlight.has(key)) {
      throw new StripeError({
        status: 409,
        type: "idempotency_error",
        code: "idempotency_key_in_use",
        message:
          "There is currently another in-progress request using this Stripe-Idempotency-Key. Please try again later.",
        saveIdempotent: false,
      });
    }
    const saved = this.saved.get(key);
    if (!saved) return null;
    if (saved.method !== method || saved.path !== path || saved.fingerprint !== print) {
      throw new StripeError({
        status: 400,
        type: "idempotency_error",
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        saveIdempotent: false,
      });
    }
    return saved;
  }

  begin(key: string): void {
    this.inFlight.add(key);
  }

  finish(key: string, response: SavedResponse | null): void {
    this.inFlight.delete(key);
    if (response) this.saved.set(key, response);
  }

  clear(): void {
    this.saved.clear();
    this.inFlight.clear();
  }
}
