import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";

export interface BrowserStripeConfig {
  publishableKey: string;
  /** Set in local mode: the emulator's Stripe.js, loaded before loadStripe so it picks it up. */
  stripeJsUrl: string | null;
}

let loading: Promise<Stripe | null> | undefined;
let failedLoads = 0;

export function loadBrowserStripe(config: BrowserStripeConfig): Promise<Stripe | null> {
  // Server rendering of a client component: Stripe.js only ever runs in the browser.
  if (typeof window === "undefined") return Promise.resolve(null);
  loading ??= (async () => {
    if (config.stripeJsUrl && !("Stripe" in window)) {
      // The browser remembers a script that failed to load: a retry asks for it under a new URL.
      const src = failedLoads ? `${config.stripeJsUrl}?retry=${failedLoads}` : config.stripeJsUrl;
      await injectScript(src);
    }
    return loadStripe(config.publishableKey);
  })().catch((error: unknown) => {
    // Not cached: the next attempt (the customer sending the form again) tries to load it again.
    failedLoads += 1;
    loading = undefined;
    throw error;
  });
  return loading;
}

function injectScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.appendChild(script);
  });
}

/**
 * Sends the customer to the wallet named by the intent's next_action. Stripe.js
 * does it when it loads; the URL Stripe gave us is the fallback, as seed 000's
 * manual redirect describes.
 */
export async function followWalletRedirect(config: BrowserStripeConfig, clientSecret: string, redirectUrl: string) {
  try {
    const stripe = await loadBrowserStripe(config);
    if (stripe) {
      const { error } = await stripe.handleNextAction({ clientSecret });
      if (!error) return;
    }
  } catch {
    // fall through to the plain redirect
  }
  window.location.assign(redirectUrl);
}

/**
 * Seed 000: Stripe.js confirms the SetupIntent from the customer's browser,
 * which lets Stripe infer the mandate's IP address and user agent, then sends
 * the customer to Amazon Pay. Resolves only when it could not (the page stays).
 */
export async function confirmAmazonPaySetupInBrowser(
  config: BrowserStripeConfig,
  clientSecret: string,
  returnUrl: string,
): Promise<{ failed: true }> {
  try {
    const stripe = await loadBrowserStripe(config);
    if (stripe) {
      const { error } = await stripe.confirmAmazonPaySetup(clientSecret, {
        return_url: returnUrl,
        mandate_data: { customer_acceptance: { type: "online", online: { infer_from_client: true } } },
      });
      // Stripe's message is for developers; the page shows its own words.
      if (error) console.error(`confirmAmazonPaySetup: ${error.type} ${error.code ?? ""}: ${error.message}`);
    }
  } catch (error) {
    console.error("Stripe.js could not be loaded", error);
  }
  return { failed: true };
}
