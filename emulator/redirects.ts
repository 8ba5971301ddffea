/** Redirect-wallet plumbing shared by SetupIntents and PaymentIntents. */
import type Stripe from "stripe";
import type { App } from "./app.js";
import { parameterInvalid } from "./http/errors.js";
import { randomAlnum } from "./ids.js";

export type IntentKind = "setup_intents" | "payment_intents";

export function assertValidReturnUrl(url: string, param = "return_url"): void {
  try {
    const parsed = new URL(url);
    if (!parsed.protocol) throw new Error("no scheme");
  } catch {
    throw parameterInvalid(param, "Not a valid URL", "url_invalid");
  }
}

/**
 * Stores what the authorization page needs and returns the `redirect_to_url`
 * next action pointing at it.
 */
export function startRedirect(
  app: App,
  kind: IntentKind,
  intentId: string,
  paymentMethod: string,
  returnUrl: string,
  customerAcceptance: Stripe.Mandate.CustomerAcceptance | null,
): { type: "redirect_to_url"; redirect_to_url: { url: string; return_url: string } } {
  const token = randomAlnum(32);
  app.store.internal.redirects[intentId] = { token, returnUrl, paymentMethod, customerAcceptance };
  return {
    type: "redirect_to_url",
    redirect_to_url: {
      url: `${app.config.publicUrl}/redirect/${kind}/${intentId}?token=${token}`,
      return_url: returnUrl,
    },
  };
}

/** return_url plus Stripe's query parameters, keeping the merchant's own. */
export function returnUrlWith(returnUrl: string, params: Record<string, string>): string {
  try {
    const url = new URL(returnUrl);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  } catch {
    const q = new URLSearchParams(params).toString();
    return returnUrl + (returnUrl.includes("?") ? "&" : "?") + q;
  }
}
