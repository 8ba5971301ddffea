/** Phase 2 placeholder. */
import type Stripe from "stripe";
import type { App } from "../app.js";
import type { RequestInfo, Route } from "../http/router.js";

export function authorizePaymentIntent(_app: App, _o: RequestInfo, _pi: Stripe.PaymentIntent, _b: unknown): string {
  throw new Error("not implemented");
}
export function failPaymentIntent(_app: App, _o: RequestInfo, _pi: Stripe.PaymentIntent): string {
  throw new Error("not implemented");
}
export const paymentIntentRoutes: Route[] = [];
