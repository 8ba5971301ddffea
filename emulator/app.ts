/** The emulator's shared context: state, config and the services handlers use. */
import { Store } from "./store.js";
import { WebhookDispatcher } from "./webhooks.js";
import { IdempotencyStore } from "./http/idempotency.js";
import { Faults } from "./http/faults.js";

export interface AppConfig {
  /** Origin shown to browsers (redirect URLs, Stripe.js). */
  publicUrl: string;
  webhookRetryBaseMs: number;
  /** The business name the hosted Checkout page shows. */
  accountName: string;
  /** Webhook requests in flight per endpoint. */
  webhookConcurrency?: number;
  /** Deliver due webhooks in random order (STRIPE_EMULATOR_WEBHOOK_SHUFFLE=1). */
  webhookShuffle?: boolean;
}

export class App {
  readonly store = new Store();
  readonly idempotency = new IdempotencyStore();
  readonly faults = new Faults();
  readonly webhooks: WebhookDispatcher;

  constructor(
    readonly config: AppConfig,
    readonly log: (msg: string) => void,
    private readonly onChange: () => void = () => {},
  ) {
    this.webhooks = new WebhookDispatcher(this.store, {
      retryBaseMs: config.webhookRetryBaseMs,
      concurrency: config.webhookConcurrency,
      shuffle: config.webhookShuffle,
      log,
    });
  }

  /** Called after anything that mutates the store (drives persistence). */
  changed(): void {
    this.onChange();
  }

  reset(keep: readonly string[] = []): void {
    this.webhooks.reset();
    this.store.reset(keep);
    this.idempotency.clear();
    this.faults.clear();
    this.changed();
  }
}
