import { env } from "@/lib/env";
import type { BrowserStripeConfig } from "./browser";

/** The only Stripe settings that may reach the browser: never the secret key. */
export function browserStripeConfig(): BrowserStripeConfig {
  const { publishableKey, stripeJsUrl } = env().stripe;
  return { publishableKey, stripeJsUrl };
}
