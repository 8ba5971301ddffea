/**
 * Injected failures for tests: the next matching request fails. "decline"
 * answers the request with Stripe's 402 card_error without touching any object
 * (for a decline that also moves an intent's state, use a declining test card).
 */
export type FaultKind = "500" | "timeout" | "decline";

const FAULT_KINDS: readonly FaultKind[] = ["500", "timeout", "decline"];

export interface Fault {
  method: string;
  /** Exact request path, or a prefix ending in `*`. */
  path: string;
  kind: FaultKind;
  times: number;
  /** For "decline": Stripe's decline_code (default generic_decline). */
  declineCode?: string;
}

export class Faults {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault, method: fault.method.toUpperCase() });
  }

  /** Consumes one use of the first fault matching this request. */
  take(method: string, path: string): Fault | null {
    const fault = this.faults.find((f) => {
      if (f.method !== method && f.method !== "*") return false;
      return f.path.endsWith("*") ? path.startsWith(f.path.slice(0, -1)) : f.path === path;
    });
    if (!fault) return null;
    fault.times -= 1;
    if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}

export function parseFault(input: unknown): Fault | string {
  if (!input || typeof input !== "object") return "Expected a JSON object";
  const o = input as Record<string, unknown>;
  if (typeof o.method !== "string" || !o.method) return "method is required";
  if (typeof o.path !== "string" || !o.path.startsWith("/")) return "path must start with /";
  if (!FAULT_KINDS.includes(o.kind as FaultKind)) return 'kind must be "500", "timeout" or "decline"';
  const kind = o.kind as FaultKind;
  const times = o.times === undefined ? 1 : Number(o.times);
  if (!Number.isInteger(times) || times < 1) return "times must be a positive integer";
  if (
    o.declineCode !== undefined &&
    (kind !== "decline" || typeof o.declineCode !== "string" || !/^[a-z_]{1,64}$/.test(o.declineCode))
  )
    return "declineCode is only for kind decline, as a Stripe decline code such as insufficient_funds";
  const fault: Fault = { method: o.method, path: o.path, kind, times };
  if (kind === "decline") fault.declineCode = (o.declineCode as string | undefined) ?? "generic_decline";
  return fault;
}
