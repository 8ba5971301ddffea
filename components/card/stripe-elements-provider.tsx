"use client";

import { Elements } from "@stripe/react-stripe-js";
import { useMemo, type ReactNode } from "react";
import { loadBrowserStripe, type BrowserStripeConfig } from "@/lib/stripe/browser";

/** React Stripe.js Elements on Stripe.js (or, in local mode, the emulator's stand-in). */
export function StripeElementsProvider({ config, children }: { config: BrowserStripeConfig; children: ReactNode }) {
  const { publishableKey, stripeJsUrl } = config;
  const stripe = useMemo(() => loadBrowserStripe({ publishableKey, stripeJsUrl }), [publishableKey, stripeJsUrl]);
  return <Elements stripe={stripe}>{children}</Elements>;
}
