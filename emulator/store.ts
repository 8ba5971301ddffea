/**
 * All emulator state, in memory. Objects are stored in their Stripe shape
 * (unexpanded: references are ids); `internal` holds what Stripe keeps but
 * never shows (redirect tokens, webhook secrets, pending mandate acceptance).
 */
import type Stripe from "stripe";

export class Collection<T extends { id: string }> {
  // Map keeps insertion order, which is creation order: lists read it backwards.
  private readonly items = new Map<string, T>();

  get(id: string): T | undefined {
    return this.items.get(id);
  }
  has(id: string): boolean {
    return this.items.has(id);
  }
  insert(item: T): T {
    this.items.set(item.id, item);
    return item;
  }
  delete(id: string): void {
    this.items.delete(id);
  }
  /** Newest first, as Stripe's list endpoints return them. */
  newestFirst(): T[] {
    return [...this.items.values()].reverse();
  }
  clear(): void {
    this.items.clear();
  }
  toJSON(): T[] {
    return [...this.items.values()];
  }
  load(items: T[]): void {
    this.items.clear();
    for (const item of items) this.items.set(item.id, item);
  }
}

/** What the redirect page needs to finish a wallet authorization. */
export interface PendingRedirect {
  token: string;
  returnUrl: string;
  paymentMethod: string;
  /** Acceptance sent at confirm time; ip/UA already filled for infer_from_client. */
  customerAcceptance: Stripe.Mandate.CustomerAcceptance | null;
}

export interface InternalState {
  webhookSecrets: Record<string, string>;
  redirects: Record<string, PendingRedirect>;
  /** invoice id → its InvoicePayment ids (invoice.payments is only shown when expanded). */
  invoicePayments: Record<string, string[]>;
  /** PaymentIntent id → the invoice it pays (PaymentIntent no longer exposes it). */
  invoiceForPaymentIntent: Record<string, string>;
  /** Sequence behind invoice numbers. */
  invoiceNumberSeq: number;
  /** Deleted customers (retrieve answers `{deleted: true}`). */
  deletedCustomers: Record<string, true>;
  /** discount id → the coupon it was made from (coupons may be deleted later). */
  discountCoupons: Record<string, Stripe.Coupon>;
  /** `once` discounts already spent on an invoice. */
  discountsUsed: Record<string, true>;
  /** subscription id → the trial_end a trial_will_end event was sent for. */
  trialWillEndSent: Record<string, number>;
  /** Detached PaymentMethods: Stripe never lets them be attached or used again. */
  detachedPaymentMethods: Record<string, true>;
  /** SetupIntent id → the Checkout Session that created it. */
  checkoutSessionOfSetupIntent: Record<string, string>;
  /** Checkout Session id → its setup_intent_data (copied onto the SetupIntent it creates). */
  checkoutSetupIntentData: Record<string, { description: string | null; metadata: Stripe.Metadata }>;
  /** hosted invoice page token → invoice id (hosted_invoice_url / invoice_pdf). */
  hostedInvoices: Record<string, string>;
}

function emptyInternal(): InternalState {
  return {
    webhookSecrets: {},
    redirects: {},
    invoicePayments: {},
    invoiceForPaymentIntent: {},
    invoiceNumberSeq: 0,
    deletedCustomers: {},
    discountCoupons: {},
    discountsUsed: {},
    trialWillEndSent: {},
    detachedPaymentMethods: {},
    checkoutSessionOfSetupIntent: {},
    checkoutSetupIntentData: {},
    hostedInvoices: {},
  };
}

export class Store {
  readonly customers = new Collection<Stripe.Customer>();
  readonly products = new Collection<Stripe.Product>();
  readonly prices = new Collection<Stripe.Price>();
  readonly paymentMethods = new Collection<Stripe.PaymentMethod>();
  readonly setupIntents = new Collection<Stripe.SetupIntent>();
  readonly setupAttempts = new Collection<Stripe.SetupAttempt>();
  readonly mandates = new Collection<Stripe.Mandate>();
  readonly events = new Collection<Stripe.Event>();
  readonly webhookEndpoints = new Collection<Stripe.WebhookEndpoint>();
  readonly paymentIntents = new Collection<Stripe.PaymentIntent>();
  readonly subscriptions = new Collection<Stripe.Subscription>();
  readonly invoices = new Collection<Stripe.Invoice>();
  readonly invoicePayments = new Collection<Stripe.InvoicePayment>();
  readonly testClocks = new Collection<Stripe.TestHelpers.TestClock>();
  readonly coupons = new Collection<Stripe.Coupon>();
  readonly discounts = new Collection<Stripe.Discount>();
  readonly checkoutSessions = new Collection<Stripe.Checkout.Session>();
  internal: InternalState = emptyInternal();

  private collections(): Record<string, Collection<{ id: string }>> {
    return {
      customers: this.customers,
      products: this.products,
      prices: this.prices,
      paymentMethods: this.paymentMethods,
      setupIntents: this.setupIntents,
      setupAttempts: this.setupAttempts,
      mandates: this.mandates,
      events: this.events,
      webhookEndpoints: this.webhookEndpoints,
      paymentIntents: this.paymentIntents,
      subscriptions: this.subscriptions,
      invoices: this.invoices,
      invoicePayments: this.invoicePayments,
      testClocks: this.testClocks,
      coupons: this.coupons,
      discounts: this.discounts,
      checkoutSessions: this.checkoutSessions,
    };
  }

  /** Finds any stored object by id, using Stripe's id prefixes. */
  lookup(id: string): { id: string } | undefined {
    const prefix = id.slice(0, id.indexOf("_"));
    const byPrefix: Record<string, Collection<{ id: string }>> = {
      cus: this.customers,
      prod: this.products,
      price: this.prices,
      pm: this.paymentMethods,
      seti: this.setupIntents,
      setatt: this.setupAttempts,
      mandate: this.mandates,
      evt: this.events,
      we: this.webhookEndpoints,
      pi: this.paymentIntents,
      sub: this.subscriptions,
      in: this.invoices,
      inpay: this.invoicePayments,
      clock: this.testClocks,
      di: this.discounts,
      cs: this.checkoutSessions,
    };
    // Products and coupons may have ids of the caller's choosing.
    return byPrefix[prefix]?.get(id) ?? this.products.get(id) ?? this.coupons.get(id);
  }

  /**
   * Forgets every object, or all but the collections named in `keep` (e.g. the
   * account's configuration: webhook endpoints, with their signing secrets, and
   * the catalogue), like deleting a Stripe account's test data.
   */
  reset(keep: readonly string[] = []): void {
    for (const [name, c] of Object.entries(this.collections())) if (!keep.includes(name)) c.clear();
    const secrets = this.internal.webhookSecrets;
    this.internal = emptyInternal();
    if (keep.includes("webhookEndpoints")) this.internal.webhookSecrets = secrets;
  }

  /** Names `reset` accepts in `keep`. */
  collectionNames(): string[] {
    return Object.keys(this.collections());
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { internal: this.internal };
    for (const [name, c] of Object.entries(this.collections())) out[name] = c.toJSON();
    return out;
  }

  load(data: Record<string, unknown>): void {
    this.reset();
    for (const [name, c] of Object.entries(this.collections())) {
      const items = data[name];
      if (Array.isArray(items)) c.load(items as { id: string }[]);
    }
    if (data.internal && typeof data.internal === "object") {
      this.internal = { ...emptyInternal(), ...(data.internal as Partial<InternalState>) };
    }
  }
}
