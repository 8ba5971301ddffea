/** /v1/mandates and the mandate lifecycle (created on authorize, revoked on detach). */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type RequestInfo } from "../http/router.js";
import { fields } from "../http/params.js";
import { newId } from "../ids.js";
import { recordEvent } from "../events.js";
import { isRedirectWallet, mandateDetails } from "../wallets.js";
import { mustGet } from "./common.js";

export function createMandate(
  app: App,
  pm: Stripe.PaymentMethod,
  acceptance: Stripe.Mandate.CustomerAcceptance,
): Stripe.Mandate {
  if (!isRedirectWallet(pm.type)) throw new Error(`mandates for ${pm.type} are not supported`);
  const mandate: Stripe.Mandate = {
    id: newId("mandate"),
    object: "mandate",
    customer_acceptance: structuredClone(acceptance),
    livemode: false,
    multi_use: {},
    payment_method: pm.id,
    payment_method_details: mandateDetails(pm.type),
    status: "active",
    type: "multi_use",
  };
  return app.store.mandates.insert(mandate);
}

/** The mandate that lets a PaymentMethod be charged off-session, if any. */
export function activeMandateFor(app: App, pmId: string): Stripe.Mandate | undefined {
  return app.store.mandates.newestFirst().find((m) => m.payment_method === pmId && m.status === "active");
}

export function deactivateMandatesFor(app: App, origin: RequestInfo, pmId: string): void {
  for (const mandate of app.store.mandates.newestFirst()) {
    if (mandate.payment_method !== pmId || mandate.status !== "active") continue;
    mandate.status = "inactive";
    recordEvent(app, origin, "mandate.updated", mandate, { status: "active" });
  }
}

export const mandateRoutes = [
  route<Stripe.MandateRetrieveParams>({
    method: "GET",
    path: "/v1/mandates/:id",
    spec: fields<Stripe.MandateRetrieveParams>({}),
    handle: ({ app, path }) => mustGet(app.store.mandates, path.id, "mandate"),
  }),
];
