/** Row types of the shared models (identical for both databases). */
export type { Customer, MandateConsent, ConsentStatusChange, WebhookEvent } from "./generated/sqlite/client";
export type { Subscription, SubscriptionPayment } from "./generated/sqlite/client";
export type { OutboxEmail } from "./generated/sqlite/client";
