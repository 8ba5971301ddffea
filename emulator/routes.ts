/** Every /v1 route the emulator serves. */
import { Router } from "./http/router.js";
import { customerRoutes } from "./resources/customers.js";
import { productRoutes } from "./resources/products.js";
import { priceRoutes } from "./resources/prices.js";
import { paymentMethodRoutes } from "./resources/payment-methods.js";
import { setupIntentRoutes } from "./resources/setup-intents.js";
import { mandateRoutes } from "./resources/mandates.js";
import { eventRoutes } from "./resources/events.js";
import { webhookEndpointRoutes } from "./resources/webhook-endpoints.js";
import { paymentIntentRoutes } from "./resources/payment-intents.js";
import { subscriptionRoutes } from "./resources/subscriptions.js";
import { invoiceRoutes } from "./resources/invoices.js";
import { couponRoutes } from "./resources/coupons.js";
import { testClockRoutes } from "./resources/test-clocks.js";
import { checkoutSessionRoutes } from "./resources/checkout-sessions.js";

export function buildRouter(): Router {
  const router = new Router();
  router.add(customerRoutes);
  router.add(productRoutes);
  router.add(priceRoutes);
  router.add(paymentMethodRoutes);
  router.add(setupIntentRoutes);
  router.add(mandateRoutes);
  router.add(eventRoutes);
  router.add(webhookEndpointRoutes);
  router.add(paymentIntentRoutes);
  router.add(subscriptionRoutes);
  router.add(invoiceRoutes);
  router.add(couponRoutes);
  router.add(testClockRoutes);
  router.add(checkoutSessionRoutes);
  return router;
}
