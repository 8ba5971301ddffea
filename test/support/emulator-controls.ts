import type { Delivery } from "../../emulator/webhooks";
import { testTarget, type TestTarget } from "./target";

/** Raised when an emulator-only control is used while the tests target Stripe. */
export class EmulatorOnlyError extends Error {
  constructor(control: string) {
    super(
      `${control} is a control of the local Stripe emulator, and these tests are configured for Stripe ` +
        "(STRIPE_SECRET_KEY is set): nothing was sent. Guard the test with needsEmulator(t, …).",
    );
    this.name = "EmulatorOnlyError";
  }
}

export type FaultKind = "500" | "timeout" | "decline";

export interface FaultSpec {
  /** HTTP method, or "*". */
  method: string;
  /** Exact API path (`/v1/setup_intents`), or a prefix ending in `*`. */
  path: string;
  kind: FaultKind;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** For "decline": Stripe's decline_code (default generic_decline). */
  declineCode?: string;
}

/**
 * The emulator's own test controls (the `/_emulator/*` endpoints), shared by the
 * integration tests and the Playwright fixtures. Every method refuses, before
 * any request, when the tests are configured for real Stripe.
 */
export class EmulatorControls {
  constructor(
    readonly baseUrl: string,
    private readonly target: TestTarget = testTarget(),
  ) {}

  /**
   * Forgets every object, event, fault and delivery, except the collections
   * named in `keep` (e.g. `["webhookEndpoints", "products", "prices", "coupons"]`
   * keeps a running app's webhook endpoint, its secret, and the plans).
   */
  async reset(options: { keep?: string[] } = {}): Promise<void> {
    await this.send("reset", "POST", "/_emulator/reset", options.keep ? { keep: options.keep } : undefined);
  }

  /** Makes the next matching Stripe call(s) fail as `kind` says. */
  async injectFault(fault: FaultSpec): Promise<void> {
    await this.send("fault injection", "POST", "/_emulator/faults", fault);
  }

  async clearFaults(): Promise<void> {
    await this.send("fault injection", "DELETE", "/_emulator/faults");
  }

  /** Every webhook delivery so far: event, endpoint, attempts, last status. */
  async deliveries(): Promise<Delivery[]> {
    const body = (await this.send("delivery log", "GET", "/_emulator/deliveries")) as { deliveries: Delivery[] };
    return body.deliveries;
  }

  private async send(control: string, method: string, path: string, body?: unknown): Promise<unknown> {
    if (this.target.kind !== "emulator") throw new EmulatorOnlyError(control);
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as { error?: string };
    if (!response.ok) throw new Error(`emulator ${control} answered ${response.status}: ${json.error ?? "no reason"}`);
    return json;
  }
}
