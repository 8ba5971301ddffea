/**
 * /v1/payment_intents.
 *
 * Redirect wallets on-session: confirm → requires_action → authorize on the
 * emulator's page → succeeded (or fail → requires_payment_method).
 * Off-session (`off_session=true`) with a saved wallet: succeeds at once when
 * the PaymentMethod has an active mandate, otherwise fails with a 402.
 *
 * Cards (on- and off-session): the outcome comes from cardChargeOutcome —
 * succeeded, requires_action (3D Secure via use_stripe_sdk, see
 * pages/three-ds-page.ts) or a 402 card_error with the PaymentIntent in
 * `error.payment_intent` (status requires_payment_method, last_payment_error).
 */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type Ctx, type RequestInfo } from "../http/router.js";
import { arrayOf, fields, objectOf, oneOf } from "../http/params.js";
import { invalidRequest, parameterInvalid, StripeError } from "../http/errors.js";
import { newClientSecret, newId, nowSeconds } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { changedAttributes, recordEvent } from "../events.js";
import { walletInfo } from "../wallets.js";
import { assertValidReturnUrl, startRedirect } from "../redirects.js";
import { emptyToNull, idOf, mergeMetadata, mustGet } from "./common.js";
import { getCustomer } from "./customers.js";
import {
  attachPaymentMethod,
  createPaymentMethod,
  getPaymentMethod,
  paymentMethodDataSpec,
  type PaymentMethodInput,
} from "./payment-methods.js";
import { mandateDataSpec, resolveAcceptance, type MandateDataInput } from "./mandate-data.js";
import { activeMandateFor, createMandate } from "./mandates.js";
import { resolvePaymentMethodTypes, unsupportedType } from "./intent-common.js";
import {
  confirmPaymentMethod,
  createTimePaymentMethod,
  presetPaymentMethod,
  replacePaymentMethod,
} from "./intent-payment-method.js";
import {
  authenticationFailureError,
  cardDeclineError,
  cardDeclineLastError,
  redirectReturnUrl,
} from "./intent-outcome.js";
import { onInvoicePaymentActionRequired, onInvoicePaymentFailed, onInvoicePaymentSucceeded } from "./invoices.js";
import {
  AUTHENTICATION_REQUIRED,
  chargeOutcomeFor,
  clearThreeDs,
  markSetUpForOffSession,
  needsAction,
  pendingThreeDs,
  startThreeDs,
  type CardDecline,
} from "../cards.js";

export function getPaymentIntent(app: App, id: string, param = "id"): Stripe.PaymentIntent {
  return mustGet(app.store.paymentIntents, id, "payment_intent", param);
}

export interface NewPaymentIntent {
  amount: number;
  currency: string;
  customer: string | null;
  description?: string | null;
  metadata?: Stripe.Emptyable<Stripe.MetadataParam>;
  types: string[];
  allowed: string[] | null;
  setupFutureUsage?: Stripe.PaymentIntent.SetupFutureUsage | null;
  captureMethod?: Stripe.PaymentIntent.CaptureMethod;
  receiptEmail?: string | null;
  statementDescriptor?: string | null;
  statementDescriptorSuffix?: string | null;
}

/** Builds an unconfirmed PaymentIntent (also used for invoices). Not stored. */
export function buildPaymentIntent(input: NewPaymentIntent): Stripe.PaymentIntent {
  const id = newId("pi");
  return {
    id,
    object: "payment_intent",
    allowed_payment_method_types: input.allowed,
    amount: input.amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: input.allowed ? null : { enabled: true, allow_redirects: "always" },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: input.captureMethod ?? "automatic_async",
    client_secret: newClientSecret(id),
    confirmation_method: "automatic",
    created: nowSeconds(),
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    description: input.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: mergeMetadata({}, input.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: input.types,
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail ?? null,
    review: null,
    setup_future_usage: input.setupFutureUsage ?? null,
    shipping: null,
    source: null,
    statement_descriptor: input.statementDescriptor ?? null,
    statement_descriptor_suffix: input.statementDescriptorSuffix ?? null,
    status: "requires_payment_method",
    transfer_group: null,
  };
}

// ------------------------------------------------------------------- confirm

export interface PaymentConfirmInput {
  /** A `pm_…` id or a `pm_card_*` shortcut; defaults to the intent's own. */
  payment_method?: string;
  payment_method_data?: PaymentMethodInput;
  mandate_data?: Stripe.Emptyable<MandateDataInput>;
  mandate?: string;
  return_url?: string;
  off_session?: boolean | string;
  setup_future_usage?: Stripe.Emptyable<Stripe.PaymentIntent.SetupFutureUsage>;
  /** Stripe.js sends it: card challenges come back as `use_stripe_sdk`. */
  use_stripe_sdk?: boolean;
  /** Fail (402 authentication_required) instead of entering requires_action. */
  error_on_requires_action?: boolean;
}

interface PaymentPlan {
  existing: Stripe.PaymentMethod | null;
  data: PaymentMethodInput | null;
  type: string;
  offSession: boolean;
  mandate: Stripe.Mandate | null;
  returnUrl: string | null;
  acceptance: Stripe.Mandate.CustomerAcceptance | null;
  useStripeSdk: boolean;
  errorOnRequiresAction: boolean;
}

function unexpectedState(pi: Stripe.PaymentIntent, verb: "confirm" | "cancel"): StripeError {
  const why =
    pi.status === "succeeded" && verb === "confirm"
      ? "it has already succeeded after being previously confirmed"
      : `it has a status of ${pi.status}`;
  return new StripeError({
    status: 400,
    type: "invalid_request_error",
    code: "payment_intent_unexpected_state",
    message: `You cannot ${verb} this PaymentIntent because ${why}.`,
    extra: { payment_intent: structuredClone(pi) },
  });
}

function planPaymentConfirm(ctx: Ctx<unknown>, pi: Stripe.PaymentIntent, input: PaymentConfirmInput): PaymentPlan {
  const { app } = ctx;
  if (["succeeded", "canceled", "processing", "requires_capture"].includes(pi.status))
    throw unexpectedState(pi, "confirm");
  const { existing, data, type } = confirmPaymentMethod(ctx, pi, input, "PaymentIntent");
  const offSession = input.off_session === true || input.off_session === "one_off" || input.off_session === "recurring";
  const flags = {
    useStripeSdk: input.use_stripe_sdk === true,
    errorOnRequiresAction: input.error_on_requires_action === true,
  };
  if (type === "card") {
    if (offSession && !existing) {
      throw invalidRequest(
        "off_session payments need a saved PaymentMethod: pass `payment_method` (attached to the customer) instead of `payment_method_data`.",
        { param: "off_session" },
      );
    }
    // A return_url is optional for cards; it turns a 3D Secure challenge into a redirect.
    if (input.return_url) assertValidReturnUrl(input.return_url);
    return {
      existing,
      data,
      type,
      offSession,
      mandate: null,
      returnUrl: input.return_url ?? null,
      acceptance: null,
      ...flags,
    };
  }
  const wallet = walletInfo(type);
  if (!wallet) unsupportedType(type);
  if (wallet.currencies && !wallet.currencies.includes(pi.currency)) {
    throw invalidRequest(
      `The currency provided (${pi.currency}) is invalid. Payments with ${type} support the following currencies: ${wallet.currencies.join(", ")}.`,
      { param: "currency", code: "payment_intent_invalid_parameter" },
    );
  }
  let mandate: Stripe.Mandate | null = null;
  if (input.mandate) {
    mandate = mustGet(app.store.mandates, input.mandate, "mandate", "mandate");
    if (existing && mandate.payment_method !== existing.id) {
      throw invalidRequest(`The mandate ${mandate.id} does not belong to the PaymentMethod ${existing.id}.`, {
        param: "mandate",
      });
    }
  }
  if (offSession) {
    if (!existing) {
      throw invalidRequest(
        "off_session payments need a saved PaymentMethod: pass `payment_method` (attached to the customer) instead of `payment_method_data`.",
        { param: "off_session" },
      );
    }
    mandate ??= activeMandateFor(app, existing.id) ?? null;
    return { existing, data, type, offSession, mandate, returnUrl: null, acceptance: null, ...flags };
  }
  const returnUrl = input.return_url;
  if (!returnUrl) {
    throw invalidRequest(
      `A \`return_url\` must be specified because this PaymentIntent's payment method (${type}) redirects the customer to ${wallet.displayName} to authorize the payment.`,
      { param: "return_url" },
    );
  }
  assertValidReturnUrl(returnUrl);
  const acceptance = input.mandate_data ? resolveAcceptance(ctx, input.mandate_data) : null;
  return { existing, data, type, offSession, mandate, returnUrl, acceptance, ...flags };
}

function authenticationRequired(
  app: App,
  origin: RequestInfo,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
): StripeError {
  const before = structuredClone(pi);
  const message = `This ${walletInfo(pm.type)?.displayName ?? pm.type} payment needs the customer to authorize it, but the customer is not present (off_session) and the PaymentMethod has no active mandate. Ask the customer to return and confirm on-session, or set up the method with a mandate first.`;
  const error: Stripe.PaymentIntent.LastPaymentError = {
    code: "authentication_required",
    decline_code: "authentication_required",
    doc_url: "https://stripe.com/docs/error-codes/authentication-required",
    message,
    payment_method: structuredClone(pm),
    payment_method_type: pm.type,
    type: "card_error",
  };
  paymentFailed(app, origin, pi, error, before);
  return cardDeclineError({ ...AUTHENTICATION_REQUIRED, message }, "payment_intent", pi, pm);
}

/** requires_payment_method with `error`, the method taken off the intent; its invoice hears of it. */
function paymentFailed(
  app: App,
  origin: RequestInfo,
  pi: Stripe.PaymentIntent,
  error: Stripe.PaymentIntent.LastPaymentError,
  before: Stripe.PaymentIntent,
): void {
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  pi.next_action = null;
  pi.last_payment_error = error;
  recordEvent(app, origin, "payment_intent.payment_failed", pi, changedAttributes(before, pi));
  onInvoicePaymentFailed(app, origin, pi);
}

function succeed(
  app: App,
  origin: RequestInfo,
  pi: Stripe.PaymentIntent,
  pmId: string,
  before: Stripe.PaymentIntent = structuredClone(pi),
): void {
  clearThreeDs(app, pi.id);
  pi.payment_method = pmId;
  pi.status = "succeeded";
  pi.amount_received = pi.amount;
  pi.next_action = null;
  pi.last_payment_error = null;
  recordEvent(app, origin, "payment_intent.succeeded", pi, changedAttributes(before, pi));
  onInvoicePaymentSucceeded(app, origin, pi);
}

/** Applies a checked plan; throws the 402 when a card is declined or an off-session charge cannot go through. */
function applyPaymentConfirm(
  app: App,
  origin: RequestInfo,
  pi: Stripe.PaymentIntent,
  plan: PaymentPlan,
  input: PaymentConfirmInput,
): void {
  if (input.setup_future_usage !== undefined)
    pi.setup_future_usage = emptyToNull(input.setup_future_usage) as Stripe.PaymentIntent.SetupFutureUsage | null;
  const pm = plan.existing ?? createPaymentMethod(app, plan.data!, "payment_method_data[type]");
  if (pm.type === "card") {
    applyCardPayment(app, origin, pi, pm, plan);
    return;
  }
  if (plan.offSession) {
    if (!plan.mandate || plan.mandate.status !== "active") throw authenticationRequired(app, origin, pi, pm);
    succeed(app, origin, pi, pm.id);
    return;
  }
  const before = structuredClone(pi);
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  pi.status = "requires_action";
  pi.next_action = startRedirect(app, "payment_intents", pi.id, pm.id, plan.returnUrl!, plan.acceptance);
  recordEvent(app, origin, "payment_intent.requires_action", pi, changedAttributes(before, pi));
  onInvoicePaymentActionRequired(app, origin, pi);
}

function applyCardPayment(
  app: App,
  origin: RequestInfo,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  plan: PaymentPlan,
): void {
  const before = structuredClone(pi);
  clearThreeDs(app, pi.id);
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  const outcome = chargeOutcomeFor(app, pm, { offSession: plan.offSession });
  if (needsAction(outcome)) {
    if (plan.errorOnRequiresAction) throw declinePayment(app, origin, pi, pm, AUTHENTICATION_REQUIRED, before);
    pi.status = "requires_action";
    pi.next_action = startThreeDs(app, pi.id, pm.id, { returnUrl: plan.returnUrl, useStripeSdk: plan.useStripeSdk });
    recordEvent(app, origin, "payment_intent.requires_action", pi, changedAttributes(before, pi));
    onInvoicePaymentActionRequired(app, origin, pi);
  } else if (outcome.ok) {
    succeedCardPayment(app, origin, pi, pm, before);
  } else {
    throw declinePayment(app, origin, pi, pm, outcome, before);
  }
}

function succeedCardPayment(
  app: App,
  origin: RequestInfo,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  before: Stripe.PaymentIntent = structuredClone(pi),
): void {
  const customer = idOf(pi.customer);
  if (pi.setup_future_usage && customer && !pm.customer)
    attachPaymentMethod(app, origin, pm.id, customer, "payment_method", false);
  if (pi.setup_future_usage === "off_session") markSetUpForOffSession(app, pm.id);
  succeed(app, origin, pi, pm.id, before);
}

/**
 * A card charge failed: requires_payment_method + last_payment_error, the
 * method taken off the intent; returns the 402 Stripe answers with.
 */
function declinePayment(
  app: App,
  origin: RequestInfo,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  decline: CardDecline,
  before: Stripe.PaymentIntent = structuredClone(pi),
): StripeError {
  clearThreeDs(app, pi.id);
  paymentFailed(app, origin, pi, cardDeclineLastError(decline, pm), before);
  return cardDeclineError(decline, "payment_intent", pi, pm);
}

/**
 * Confirms a PaymentIntent from server code, exactly as POST …/confirm does.
 * Throws StripeError: 400s for bad input, and a 402 card_error (with
 * `payment_intent`) when the charge is declined or needs authentication
 * off-session — the PaymentIntent and its invoice are updated either way.
 */
export function confirmPaymentIntent(ctx: Ctx<unknown>, pi: Stripe.PaymentIntent, input: PaymentConfirmInput): void {
  const plan = planPaymentConfirm(ctx, pi, input);
  applyPaymentConfirm(ctx.app, ctx.request, pi, plan, input);
}

/**
 * Merchant-initiated charge of a saved method (subscription renewals): confirms
 * `pi` with `payment_method` and `off_session=true`. Needs no request context.
 * Card outcomes come from cardChargeOutcome, wallets need an active mandate.
 * A decline is returned, not thrown (the PaymentIntent is then
 * requires_payment_method with last_payment_error, payment_intent.payment_failed
 * and the invoice hooks have run); other errors (bad state, unknown id) throw.
 */
export function confirmPaymentIntentOffSession(
  app: App,
  origin: RequestInfo,
  pi: Stripe.PaymentIntent,
  paymentMethod: string,
): { ok: true } | { ok: false; error: StripeError } {
  const ctx: Ctx<unknown> = {
    app,
    params: {},
    path: {},
    auth: { kind: "secret", key: "" },
    request: origin,
    ip: "127.0.0.1",
    userAgent: null,
    url: `/v1/payment_intents/${pi.id}/confirm`,
  };
  try {
    confirmPaymentIntent(ctx, pi, { payment_method: paymentMethod, off_session: true });
    return { ok: true };
  } catch (err) {
    if (err instanceof StripeError && err.status === 402) return { ok: false, error: err };
    throw err;
  }
}

// -------------------------------------------------------------- 3D Secure

/** The customer completed the 3D Secure challenge (emulator's /3ds page). */
export function completePaymentAuthentication(app: App, origin: RequestInfo, pi: Stripe.PaymentIntent): void {
  const pending = pendingThreeDs(app, pi.id)!;
  const pm = getPaymentMethod(app, pending.paymentMethod);
  const outcome = chargeOutcomeFor(app, pm, { offSession: false, authenticated: true });
  if (!needsAction(outcome) && !outcome.ok) {
    declinePayment(app, origin, pi, pm, outcome);
    return;
  }
  succeedCardPayment(app, origin, pi, pm);
}

/** The customer failed the 3D Secure challenge. */
export function failPaymentAuthentication(app: App, origin: RequestInfo, pi: Stripe.PaymentIntent): void {
  const pending = pendingThreeDs(app, pi.id)!;
  clearThreeDs(app, pi.id);
  authenticationFailed(app, origin, pi, app.store.paymentMethods.get(pending.paymentMethod));
}

// ---------------------------------------------------------- redirect outcome

/** The customer approved the payment on the wallet's page. */
export function authorizePaymentIntent(
  app: App,
  origin: RequestInfo,
  pi: Stripe.PaymentIntent,
  browser: { ip: string; userAgent: string | null },
): string {
  const pending = app.store.internal.redirects[pi.id];
  const pm = getPaymentMethod(app, pending.paymentMethod);
  const customer = idOf(pi.customer);
  if (pi.setup_future_usage && customer && !pm.customer) attachPaymentMethod(app, origin, pm.id, customer);
  if (pi.setup_future_usage === "off_session" && !activeMandateFor(app, pm.id)) {
    // Without mandate_data the wallet page itself is where the customer accepted.
    const acceptance: Stripe.Mandate.CustomerAcceptance = pending.customerAcceptance ?? {
      type: "online",
      accepted_at: nowSeconds(),
      online: { ip_address: browser.ip, user_agent: browser.userAgent },
    };
    createMandate(app, pm, acceptance);
  }
  succeed(app, origin, pi, pm.id);
  return redirectReturnUrl(pending.returnUrl, "payment_intent", pi, "succeeded");
}

/** The customer declined on the wallet's page. */
export function failPaymentIntent(app: App, origin: RequestInfo, pi: Stripe.PaymentIntent): string {
  const pending = app.store.internal.redirects[pi.id];
  authenticationFailed(app, origin, pi, app.store.paymentMethods.get(pending.paymentMethod));
  return redirectReturnUrl(pending.returnUrl, "payment_intent", pi, "failed");
}

/** Authentication failed (wallet page or 3D Secure): requires_payment_method, method taken off the intent. */
function authenticationFailed(
  app: App,
  origin: RequestInfo,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod | undefined,
): void {
  const before = structuredClone(pi);
  paymentFailed(app, origin, pi, authenticationFailureError("payment_intent", pm), before);
}

// -------------------------------------------------------------------- routes

type OffSession = boolean | "one_off" | "recurring";
type CreateParams = Omit<Stripe.PaymentIntentCreateParams, "off_session" | "mandate_data"> & {
  off_session?: OffSession;
  mandate_data?: Stripe.Emptyable<MandateDataInput>;
};
type ConfirmParams = Omit<Stripe.PaymentIntentConfirmParams, "off_session" | "mandate_data"> & {
  off_session?: OffSession;
  mandate_data?: Stripe.Emptyable<MandateDataInput>;
  client_secret?: string;
};

const pmData = objectOf(paymentMethodDataSpec);
const offSessionKind = { union: ["boolean", oneOf("one_off", "recurring")] } as const;
const sfu = oneOf("on_session", "off_session");
const secretLookup = (app: App, path: Record<string, string>) => app.store.paymentIntents.get(path.id)?.client_secret;

function confirmInput(params: CreateParams | ConfirmParams): PaymentConfirmInput {
  return {
    payment_method: params.payment_method,
    payment_method_data: params.payment_method_data as PaymentMethodInput | undefined,
    mandate_data: params.mandate_data,
    mandate: params.mandate,
    return_url: params.return_url,
    off_session: params.off_session,
    setup_future_usage: params.setup_future_usage,
    use_stripe_sdk: params.use_stripe_sdk,
    error_on_requires_action: params.error_on_requires_action,
  };
}

export const paymentIntentRoutes = [
  route<CreateParams>({
    method: "POST",
    path: "/v1/payment_intents",
    spec: fields<Stripe.PaymentIntentCreateParams>({
      amount: { required: "integer" },
      currency: { required: "string" },
      allowed_payment_method_types: arrayOf("string"),
      automatic_payment_methods: objectOf({ enabled: "boolean", allow_redirects: oneOf("always", "never") }),
      capture_method: oneOf("automatic", "automatic_async"),
      confirm: "boolean",
      customer: "string",
      description: "string",
      error_on_requires_action: "boolean",
      mandate: "string",
      mandate_data: mandateDataSpec,
      metadata: "metadata",
      off_session: offSessionKind,
      payment_method: "string",
      payment_method_data: pmData,
      payment_method_options: "any",
      receipt_email: "string",
      return_url: "string",
      setup_future_usage: sfu,
      statement_descriptor: "string",
      statement_descriptor_suffix: "string",
      use_stripe_sdk: "boolean",
    }),
    handle(ctx) {
      const { app, params, request } = ctx;
      const amount = params.amount;
      if (amount < 1) throw parameterInvalid("amount", "This value must be greater than or equal to 1.");
      const currency = params.currency.toLowerCase();
      if (!/^[a-z]{3}$/.test(currency)) throw parameterInvalid("currency", `Invalid currency: ${params.currency}`);
      const customer = params.customer ? getCustomer(app, params.customer, "customer").id : null;
      const { types, allowed } = resolvePaymentMethodTypes(params);
      if (!params.confirm) {
        for (const p of ["return_url", "mandate_data", "mandate", "off_session"] as const) {
          if (params[p] !== undefined) throw parameterInvalid(p, `\`${p}\` can only be used with \`confirm=true\`.`);
        }
      }
      const pi = buildPaymentIntent({
        amount,
        currency,
        customer,
        description: emptyToNull(params.description),
        metadata: params.metadata,
        types,
        allowed,
        setupFutureUsage: params.setup_future_usage ?? null,
        captureMethod: params.capture_method,
        receiptEmail: emptyToNull(params.receipt_email),
        statementDescriptor: emptyToNull(params.statement_descriptor),
        statementDescriptorSuffix: emptyToNull(params.statement_descriptor_suffix),
      });
      const { existing, data } = createTimePaymentMethod(ctx, params, customer, types, "PaymentIntent");
      const input = { ...confirmInput(params), payment_method: existing?.id };
      const plan = params.confirm ? planPaymentConfirm(ctx, pi, input) : null;
      if (!plan) presetPaymentMethod(app, pi, existing, data);
      app.store.paymentIntents.insert(pi);
      recordEvent(app, request, "payment_intent.created", pi);
      if (plan) applyPaymentConfirm(app, request, pi, plan, input);
      return pi;
    },
  }),
  route<Stripe.PaymentIntentRetrieveParams>({
    method: "GET",
    path: "/v1/payment_intents/:id",
    spec: fields<Stripe.PaymentIntentRetrieveParams>({ client_secret: "string" }),
    publishable: secretLookup,
    handle: ({ app, path }) => getPaymentIntent(app, path.id),
  }),
  route<Stripe.PaymentIntentUpdateParams>({
    method: "POST",
    path: "/v1/payment_intents/:id",
    spec: fields<Stripe.PaymentIntentUpdateParams>({
      amount: "integer",
      currency: "string",
      customer: "string",
      description: "string",
      metadata: "metadata",
      payment_method: "string",
      receipt_email: "string",
      setup_future_usage: sfu,
      allowed_payment_method_types: arrayOf("string"),
    }),
    handle({ app, path, params, request }) {
      const pi = getPaymentIntent(app, path.id);
      if (["succeeded", "canceled", "processing"].includes(pi.status)) {
        throw invalidRequest(`You cannot update this PaymentIntent because it has a status of ${pi.status}.`, {
          code: "payment_intent_unexpected_state",
        });
      }
      const invoiceOwned = app.store.internal.invoiceForPaymentIntent[pi.id] !== undefined;
      if (invoiceOwned && (params.amount !== undefined || params.currency !== undefined)) {
        throw invalidRequest("You cannot change the amount or currency of a PaymentIntent created by an invoice.", {
          param: "amount",
        });
      }
      if (params.amount !== undefined) pi.amount = params.amount;
      if (params.currency !== undefined) pi.currency = params.currency.toLowerCase();
      if (params.customer !== undefined) pi.customer = getCustomer(app, params.customer, "customer").id;
      if (params.description !== undefined) pi.description = emptyToNull(params.description);
      if (params.metadata !== undefined) pi.metadata = mergeMetadata(pi.metadata, params.metadata);
      if (params.receipt_email !== undefined) pi.receipt_email = emptyToNull(params.receipt_email);
      if (params.setup_future_usage !== undefined)
        pi.setup_future_usage = emptyToNull(params.setup_future_usage) as Stripe.PaymentIntent.SetupFutureUsage | null;
      if (params.allowed_payment_method_types !== undefined) {
        const { types, allowed } = resolvePaymentMethodTypes({
          allowed_payment_method_types: params.allowed_payment_method_types,
        });
        pi.payment_method_types = types;
        pi.allowed_payment_method_types = allowed;
        if (allowed) pi.automatic_payment_methods = null;
      }
      if (params.payment_method !== undefined) replacePaymentMethod(app, request, pi, params.payment_method);
      return pi;
    },
  }),
  route<ConfirmParams>({
    method: "POST",
    path: "/v1/payment_intents/:id/confirm",
    spec: fields<Stripe.PaymentIntentConfirmParams>(
      {
        allowed_payment_method_types: arrayOf("string"),
        error_on_requires_action: "boolean",
        mandate: "string",
        mandate_data: mandateDataSpec,
        off_session: offSessionKind,
        payment_method: "string",
        payment_method_data: pmData,
        payment_method_options: "any",
        receipt_email: "string",
        return_url: "string",
        setup_future_usage: sfu,
        use_stripe_sdk: "boolean",
      },
      { client_secret: "string" },
    ),
    publishable: secretLookup,
    handle(ctx) {
      const pi = getPaymentIntent(ctx.app, ctx.path.id);
      const p = ctx.params;
      if (p.allowed_payment_method_types) {
        const { types, allowed } = resolvePaymentMethodTypes(p);
        pi.payment_method_types = types;
        pi.allowed_payment_method_types = allowed;
        pi.automatic_payment_methods = null;
      }
      confirmPaymentIntent(ctx, pi, confirmInput(p));
      return pi;
    },
  }),
  route<Stripe.PaymentIntentCancelParams>({
    method: "POST",
    path: "/v1/payment_intents/:id/cancel",
    spec: fields<Stripe.PaymentIntentCancelParams>({
      cancellation_reason: oneOf("abandoned", "duplicate", "fraudulent", "requested_by_customer"),
    }),
    handle({ app, path, params, request }) {
      const pi = getPaymentIntent(app, path.id);
      if (["succeeded", "canceled", "processing"].includes(pi.status)) throw unexpectedState(pi, "cancel");
      if (app.store.internal.invoiceForPaymentIntent[pi.id]) {
        throw invalidRequest(
          "You cannot cancel this PaymentIntent because it was created by an invoice. Void the invoice instead.",
          { code: "payment_intent_unexpected_state" },
        );
      }
      const before = structuredClone(pi);
      pi.status = "canceled";
      pi.canceled_at = nowSeconds();
      pi.cancellation_reason = params.cancellation_reason ?? null;
      pi.next_action = null;
      clearThreeDs(app, pi.id);
      recordEvent(app, request, "payment_intent.canceled", pi, changedAttributes(before, pi));
      return pi;
    },
  }),
  route<Stripe.PaymentIntentListParams>({
    method: "GET",
    path: "/v1/payment_intents",
    spec: fields<Stripe.PaymentIntentListParams>({ ...paginationSpec, customer: "string" }),
    handle({ app, params, url }) {
      const items = app.store.paymentIntents
        .newestFirst()
        .filter((pi) => params.customer === undefined || pi.customer === params.customer);
      return paginate(items, params, url, "payment_intent");
    },
  }),
];
