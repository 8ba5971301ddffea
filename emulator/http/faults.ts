/** Injected failures for retry tests: the next matching request fails. */
export type FaultKind = "500" | "timeout";

export interface Fault {
  method: string;
  /** Exact request path, or a prefix ending in `*`. */
  path: string;
  kind: FaultKind;
  times: number;
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
  if (o.kind !== "500" && o.kind !== "timeout") return 'kind must be "500" or "timeout"';
  const times = o.times === undefined ? 1 : Number(o.times);
  if (!Number.isInteger(times) || times < 1) return "times must be a positive integer";
  return { method: o.method, path: o.path, kind: o.kind, times };
}
