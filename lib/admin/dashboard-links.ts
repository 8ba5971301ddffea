import { env } from "@/lib/env";

const PATHS: Record<string, string> = {
  cus_: "customers",
  seti_: "setup_intents",
  pm_: "payment_methods",
  sub_: "subscriptions",
  pi_: "payments",
  in_: "invoices",
  price_: "prices",
};

/**
 * A Stripe Dashboard link for an id when the app runs on real keys (test or
 * live, from the key itself); null otherwise (the local emulator has no Dashboard).
 */
export function dashboardUrl(id: string | null | undefined): string | null {
  if (!id) return null;
  const config = env().stripe;
  if (config.kind !== "stripe") return null;
  const prefix = Object.keys(PATHS).find((p) => id.startsWith(p));
  if (!prefix) return null;
  const base = config.secretKey.startsWith("sk_live_")
    ? "https://dashboard.stripe.com"
    : "https://dashboard.stripe.com/test";
  return `${base}/${PATHS[prefix]}/${encodeURIComponent(id)}`;
}
