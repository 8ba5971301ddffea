import type { StripeMode } from "@/lib/env";

/** Where Stripe.js, its frames (Elements, 3D Secure) and its API calls come from. */
export interface StripeSources {
  script: string[];
  frame: string[];
  connect: string[];
}

/**
 * Stripe's documented sources (docs.stripe.com/security/guide#content-security-policy),
 * or in local mode the emulator's public origin, which serves Stripe.js, its pages and its API.
 */
export function stripeSources(stripe: StripeMode): StripeSources {
  if (stripe.kind === "emulator") {
    const origin = new URL(stripe.stripeJsUrl).origin;
    return { script: [origin], frame: [origin], connect: [origin] };
  }
  return {
    script: ["https://js.stripe.com"],
    frame: ["https://js.stripe.com", "https://hooks.stripe.com"],
    connect: ["https://api.stripe.com"],
  };
}

/**
 * The page policy: only scripts carrying this response's nonce run, and what
 * they load ('strict-dynamic': Next's chunks, Stripe.js); the Stripe sources
 * stay listed for browsers without 'strict-dynamic'. Nobody may frame us.
 */
export function contentSecurityPolicy(nonce: string, stripe: StripeSources): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' ${stripe.script.join(" ")}`,
    // React and Stripe.js set inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${stripe.frame.join(" ")}`,
    "font-src 'self'",
    `connect-src 'self' ${stripe.connect.join(" ")}`,
    `frame-src ${stripe.frame.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${stripe.frame.join(" ")}`,
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** HSTS only where the app is served over https (a local http origin must stay reachable). */
export function strictTransportSecurity(appUrl: string): string | null {
  return new URL(appUrl).protocol === "https:" ? "max-age=63072000; includeSubDomains" : null;
}
