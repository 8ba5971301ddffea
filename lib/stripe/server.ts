import Stripe from "stripe";
import { env } from "@/lib/env";

let client: Stripe | undefined;

/** The Stripe SDK, pointed at Stripe or at the local emulator by configuration alone. */
export function stripe(): Stripe {
  if (client) return client;
  const mode = env().stripe;
  // A hanging Stripe costs at most 3 × 10 s, each retry under the same idempotency key.
  const options: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 10_000, telemetry: false };
  // The emulator, or (with real keys) an optional STRIPE_API_BASE; otherwise the SDK's own api.stripe.com.
  if (mode.apiUrl) {
    options.host = mode.apiUrl.hostname;
    options.port = mode.apiUrl.port || (mode.apiUrl.protocol === "https:" ? 443 : 80);
    options.protocol = mode.apiUrl.protocol === "https:" ? "https" : "http";
  }
  client = new Stripe(mode.secretKey, options);
  return client;
}

/** Forget the cached client (tests point it at a fresh emulator). */
export function resetStripeClient(): void {
  client = undefined;
}
