"use client";

import { useEffect } from "react";
import { followWalletRedirect, type BrowserStripeConfig } from "@/lib/stripe/browser";

/** Sends the browser on to the wallet at once; the link stays for browsers that block it. */
export function FollowRedirect(props: {
  stripe: BrowserStripeConfig;
  clientSecret: string;
  redirectUrl: string;
  label: string;
}) {
  const { stripe, clientSecret, redirectUrl, label } = props;
  useEffect(() => {
    void followWalletRedirect(stripe, clientSecret, redirectUrl);
  }, [stripe, clientSecret, redirectUrl]);
  return (
    <a className="primary" href={redirectUrl}>
      {label}
    </a>
  );
}
