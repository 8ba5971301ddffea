/**
 * /v1/setup_intents and /v1/setup_attempts.
 *
 * Redirect wallets: confirm → requires_action (redirect_to_url to the emulator's
 * page) → authorize → succeeded with an attached PaymentMethod and an active
 * multi-use Mandate; fail → requires_payment_method with last_setup_error.
 *
 * Cards: confirm → succeeded (attached; `usage=off_session` marks the card set
 * up for off-session use), requires_action (3D Secure via use_stripe_sdk, see
 * pages/three-ds-page.ts) or a 402 card_error (requires_payment_method with
 * last_setup_error), as decided by cardSetupOutcome.
 */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type Ctx, type RequestInfo } from "../http/router.js";
import { arrayOf, fields, objectOf, oneOf } from "../http/params.js";
import { invalidRequest, parameterInvalid, parameterMissing, StripeError } from "../http/errors.js";
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
import { createMandate } from "./mandates.js";
import {
  attemptCardDetails,
  cardSetupOutcome,
  clearThreeDs,
  markSetUpForOffSession,
  needsAction,
  pendingThreeDs,
  startThreeDs,
  threeDsResult,
  type CardDecline,
} from "../cards.js";

export function getSetupIntent(app: App, id: string, param = "id"): Stripe.SetupIntent {
  return mustGet(app.store.setupIntents, id, "setupintent", param);
}

// ---------------------------------------------------------------- validation

export interface SetupConfirmInput {
  /** A `pm_…` id or a `pm_card_*` shortcut; defaults to the intent's own. */
  payment_method?: string;
  payment_method_data?: PaymentMethodInput;
  mandate_data?: Stripe.Emptyable<MandateDataInput>;
  return_url?: string;
  /** Stripe.js sends it: card challenges come back as `use_stripe_sdk`. */
  use_stripe_sdk?: boolean;
}

/** Everything a confirm needs, checked before any state changes. */
interface ConfirmPlan {
  existing: Stripe.PaymentMethod | null;
  data: PaymentMethodInput | null;
  type: string;
  returnUrl: string | null;
  acceptance: Stripe.Mandate.CustomerAcceptance | null;
  useStripeSdk: boolean;
}

function planConfirm(ctx: Ctx<unknown>, si: Stripe.SetupIntent, input: SetupConfirmInput): ConfirmPlan {
  if (si.status === "succeeded" || si.status === "canceled") {
    throw invalidRequest(
      si.status === "succeeded"
        ? "You cannot confirm this SetupIntent because it has already succeeded after being previously confirmed."
        : "You cannot confirm this SetupIntent because it has a status of canceled.",
      { code: "setup_intent_unexpected_state" },
    );
  }
  const { existing, data, type } = confirmPaymentMethod(ctx, si, input, "SetupIntent");
  const useStripeSdk = input.use_stripe_sdk === true;
  if (type === "card") {
    // Cards need neither a return_url nor a mandate; a return_url is used for a 3DS redirect.
    if (input.return_url) assertValidReturnUrl(input.return_url);
    return { existing, data, type, returnUrl: input.return_url ?? null, acceptance: null, useStripeSdk };
  }
  const wallet = walletInfo(type);
  if (!wallet) unsupportedType(type);
  const returnUrl = input.return_url;
  if (!returnUrl) {
    throw invalidRequest(
      `A \`return_url\` must be specified because this SetupIntent's payment method (${type}) redirects the customer to ${wallet!.displayName} to authorize it.`,
      { param: "return_url" },
    );
  }
  assertValidReturnUrl(returnUrl);
  let acceptance: Stripe.Mandate.CustomerAcceptance | null = null;
  if (input.mandate_data) {
    acceptance = resolveAcceptance(ctx, input.mandate_data);
  } else if (si.usage === "off_session") {
    throw invalidRequest(
      `mandate_data is required to confirm this SetupIntent: saving a ${type} PaymentMethod with usage=off_session needs the customer's acceptance. Pass mandate_data[customer_acceptance] (type online with ip_address and user_agent), or confirm with Stripe.js and mandate_data[customer_acceptance][online][infer_from_client]=true.`,
      { param: "mandate_data" },
    );
  }
  return { existing, data, type, returnUrl, acceptance, useStripeSdk };
}

function newSetupAttempt(app: App, si: Stripe.SetupIntent, pm: Stripe.PaymentMethod): Stripe.SetupAttempt {
  const attempt: Stripe.SetupAttempt = {
    id: newId("setatt"),
    object: "setup_attempt",
    application: null,
    created: nowSeconds(),
    customer: si.customer,
    customer_account: null,
    flow_directions: null,
    livemode: false,
    on_behalf_of: null,
    payment_method: pm.id,
    payment_method_details:
      pm.type === "card"
        ? { type: pm.type, card: attemptCardDetails(pm) }
        : pm.type === "amazon_pay"
          ? { type: pm.type, amazon_pay: {} }
          : { type: pm.type, kakao_pay: {} },
    setup_error: null,
    setup_intent: si.id,
    status: "requires_action",
    usage: si.usage,
  };
  return app.store.setupAttempts.insert(attempt);
}

/** Applies a checked plan; throws the 402 when a card is declined. */
function applyConfirm(ctx: Ctx<unknown>, si: Stripe.SetupIntent, plan: ConfirmPlan): void {
  const { app, request } = ctx;
  const pm = plan.existing ?? createPaymentMethod(app, plan.data!, "payment_method_data[type]");
  const before = structuredClone(si);
  const attempt = newSetupAttempt(app, si, pm);
  si.payment_method = pm.id;
  si.last_setup_error = null;
  si.latest_attempt = attempt.id;
  if (pm.type === "card") {
    clearThreeDs(app, si.id);
    const outcome = cardSetupOutcome(pm);
    if (needsAction(outcome)) {
      attempt.status = "requires_action";
      si.status = "requires_action";
      si.next_action = startThreeDs(app, si.id, pm.id, { returnUrl: plan.returnUrl, useStripeSdk: plan.useStripeSdk });
      recordEvent(app, request, "setup_intent.requires_action", si, changedAttributes(before, si));
    } else if (outcome.ok) {
      succeedCardSetup(app, request, si, pm, before);
    } else {
      throw declineSetup(app, request, si, pm, outcome, before);
    }
    return;
  }
  si.status = "requires_action";
  si.next_action = startRedirect(app, "setup_intents", si.id, pm.id, plan.returnUrl!, plan.acceptance);
  recordEvent(app, request, "setup_intent.requires_action", si);
}

/**
 * Confirms a SetupIntent from server code, exactly as POST …/confirm does
 * (e.g. a subscription's pending_setup_intent). Throws StripeError: 400s for
 * bad input, a 402 card_error (with `setup_intent`) when the card is declined.
 */
export function confirmSetupIntent(
  ctx: Ctx<unknown>,
  si: Stripe.SetupIntent,
  input: SetupConfirmInput,
): Stripe.SetupIntent {
  applyConfirm(ctx, si, planConfirm(ctx, si, input));
  return si;
}

// -------------------------------------------------------------- card outcome

function succeedCardSetup(
  app: App,
  origin: RequestInfo,
  si: Stripe.SetupIntent,
  pm: Stripe.PaymentMethod,
  before: Stripe.SetupIntent = structuredClone(si),
): void {
  const customer = idOf(si.customer);
  if (customer && !pm.customer) attachPaymentMethod(app, origin, pm.id, customer, "payment_method", false);
  if (si.usage === "off_session") markSetUpForOffSession(app, pm.id);
  clearThreeDs(app, si.id);
  si.payment_method = pm.id;
  si.status = "succeeded";
  si.next_action = null;
  si.last_setup_error = null;
  finishAttempt(app, si, null);
  recordEvent(app, origin, "setup_intent.succeeded", si, changedAttributes(before, si));
}

/** The card was declined: requires_payment_method + last_setup_error; returns the 402 to throw. */
function declineSetup(
  app: App,
  origin: RequestInfo,
  si: Stripe.SetupIntent,
  pm: Stripe.PaymentMethod,
  decline: CardDecline,
  before: Stripe.SetupIntent = structuredClone(si),
): StripeError {
  clearThreeDs(app, si.id);
  setupFailed(app, origin, si, cardDeclineLastError(decline, pm), before);
  return cardDeclineError(decline, "setup_intent", si, pm);
}

/** The customer completed the 3D Secure challenge (emulator's /3ds page). */
export function completeSetupAuthentication(app: App, origin: RequestInfo, si: Stripe.SetupIntent): void {
  const pending = pendingThreeDs(app, si.id)!;
  const pm = getPaymentMethod(app, pending.paymentMethod);
  recordThreeDs(app, si, true);
  const outcome = cardSetupOutcome(pm, { authenticated: true });
  if (!needsAction(outcome) && !outcome.ok) {
    declineSetup(app, origin, si, pm, outcome);
    return;
  }
  succeedCardSetup(app, origin, si, pm);
}

/** The customer failed the 3D Secure challenge. */
export function failSetupAuthentication(app: App, origin: RequestInfo, si: Stripe.SetupIntent): void {
  const pending = pendingThreeDs(app, si.id)!;
  recordThreeDs(app, si, false);
  clearThreeDs(app, si.id);
  authenticationFailed(app, origin, si, app.store.paymentMethods.get(pending.paymentMethod));
}

function recordThreeDs(app: App, si: Stripe.SetupIntent, authenticated: boolean): void {
  const attempt = si.latest_attempt ? app.store.setupAttempts.get(idOf(si.latest_attempt)!) : undefined;
  const card = attempt?.payment_method_details.card;
  if (card) card.three_d_secure = threeDsResult(authenticated);
}

// ---------------------------------------------------------- redirect outcome

function finishAttempt(app: App, si: Stripe.SetupIntent, error: Stripe.SetupAttempt.SetupError | null): void {
  const attempt = si.latest_attempt ? app.store.setupAttempts.get(idOf(si.latest_attempt)!) : undefined;
  if (!attempt) return;
  attempt.status = error ? "failed" : "succeeded";
  attempt.setup_error = error;
}

/** requires_payment_method with `error`, the method taken off; the latest attempt fails with the same error. */
function setupFailed(
  app: App,
  origin: RequestInfo,
  si: Stripe.SetupIntent,
  error: Stripe.SetupIntent.LastSetupError,
  before: Stripe.SetupIntent,
): void {
  si.status = "requires_payment_method";
  si.payment_method = null;
  si.next_action = null;
  si.last_setup_error = error;
  const { code, decline_code, message, type, payment_method } = error;
  finishAttempt(app, si, { code, decline_code, message, type, payment_method });
  recordEvent(app, origin, "setup_intent.setup_failed", si, changedAttributes(before, si));
}

/** The customer approved on the wallet's page. */
export function authorizeSetupIntent(app: App, origin: RequestInfo, si: Stripe.SetupIntent): string {
  const pending = app.store.internal.redirects[si.id];
  const before = structuredClone(si);
  const pm = getPaymentMethod(app, pending.paymentMethod);
  const customer = idOf(si.customer);
  if (customer && !pm.customer) attachPaymentMethod(app, origin, pm.id, customer);
  if (pending.customerAcceptance) si.mandate = createMandate(app, pm, pending.customerAcceptance).id;
  si.payment_method = pm.id;
  si.status = "succeeded";
  si.next_action = null;
  finishAttempt(app, si, null);
  recordEvent(app, origin, "setup_intent.succeeded", si, changedAttributes(before, si));
  return redirectReturnUrl(pending.returnUrl, "setup_intent", si, "succeeded");
}

/** The customer declined (or the wallet refused) on the wallet's page. */
export function failSetupIntent(app: App, origin: RequestInfo, si: Stripe.SetupIntent): string {
  const pending = app.store.internal.redirects[si.id];
  authenticationFailed(app, origin, si, app.store.paymentMethods.get(pending.paymentMethod));
  return redirectReturnUrl(pending.returnUrl, "setup_intent", si, "failed");
}

/** Authentication failed (wallet page or 3D Secure): requires_payment_method, method detached from the intent. */
function authenticationFailed(
  app: App,
  origin: RequestInfo,
  si: Stripe.SetupIntent,
  pm: Stripe.PaymentMethod | undefined,
): void {
  const before = structuredClone(si);
  setupFailed(app, origin, si, authenticationFailureError("setup_intent", pm), before);
}

// ------------------------------------------------------------------ creation

export interface NewSetupIntent {
  customer: string | null;
  types: string[];
  /** null: automatic payment methods. */
  allowed: string[] | null;
  allowRedirects?: Stripe.SetupIntent.AutomaticPaymentMethods.AllowRedirects;
  description: string | null;
  metadata: Stripe.Metadata;
  usage: Stripe.SetupIntent["usage"];
}

/** A new SetupIntent in requires_payment_method (not stored yet). */
export function buildSetupIntent(input: NewSetupIntent): Stripe.SetupIntent {
  const id = newId("seti");
  return {
    id,
    object: "setup_intent",
    application: null,
    allowed_payment_method_types: input.allowed,
    automatic_payment_methods: !input.allowed
      ? { enabled: true, allow_redirects: input.allowRedirects ?? "always" }
      : null,
    cancellation_reason: null,
    client_secret: newClientSecret(id),
    created: nowSeconds(),
    customer: input.customer,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: input.types,
    single_use_mandate: null,
    status: "requires_payment_method",
    usage: input.usage,
  };
}

// -------------------------------------------------------------------- routes

type CreateParams = Stripe.SetupIntentCreateParams & { mandate_data?: Stripe.Emptyable<MandateDataInput> };
type ConfirmParams = Stripe.SetupIntentConfirmParams & {
  client_secret?: string;
  mandate_data?: Stripe.Emptyable<MandateDataInput>;
};

const pmData = objectOf(paymentMethodDataSpec);
const automaticSpec = objectOf(
  fields<Stripe.SetupIntentCreateParams.AutomaticPaymentMethods>({
    enabled: "boolean",
    allow_redirects: oneOf("always", "never"),
  }),
);

const secretLookup = (app: App, path: Record<string, string>) => app.store.setupIntents.get(path.id)?.client_secret;

export const setupIntentRoutes = [
  route<CreateParams>({
    method: "POST",
    path: "/v1/setup_intents",
    spec: fields<Stripe.SetupIntentCreateParams>({
      automatic_payment_methods: automaticSpec,
      confirm: "boolean",
      customer: "string",
      description: "string",
      mandate_data: mandateDataSpec,
      metadata: "metadata",
      payment_method: "string",
      payment_method_data: pmData,
      payment_method_options: "any",
      allowed_payment_method_types: arrayOf("string"),
      return_url: "string",
      usage: oneOf("on_session", "off_session"),
      use_stripe_sdk: "boolean",
    }),
    handle(ctx) {
      const { app, params, request } = ctx;
      const customer = params.customer ? getCustomer(app, params.customer, "customer").id : null;
      const { types, allowed } = resolvePaymentMethodTypes(params);
      if (!params.confirm) {
        if (params.return_url)
          throw parameterInvalid("return_url", "`return_url` can only be used with `confirm=true`.");
        if (params.mandate_data)
          throw parameterInvalid("mandate_data", "`mandate_data` can only be used with `confirm=true`.");
      }
      if (params.payment_method && params.payment_method_data) {
        throw invalidRequest("You may only specify one of these parameters: payment_method, payment_method_data.", {
          param: "payment_method_data",
        });
      }
      const si = buildSetupIntent({
        customer,
        types,
        allowed,
        allowRedirects: params.automatic_payment_methods?.allow_redirects ?? "always",
        description: emptyToNull(params.description),
        metadata: mergeMetadata({}, params.metadata),
        usage: params.usage ?? "off_session",
      });
      const { existing, data } = createTimePaymentMethod(ctx, params, customer, types, "SetupIntent");
      // Validate the whole confirm before anything is stored.
      const plan = params.confirm
        ? planConfirm(ctx, si, {
            payment_method: existing?.id,
            payment_method_data: data,
            mandate_data: params.mandate_data,
            return_url: params.return_url,
            use_stripe_sdk: params.use_stripe_sdk,
          })
        : null;
      if (!plan) presetPaymentMethod(app, si, existing, data);
      app.store.setupIntents.insert(si);
      recordEvent(app, request, "setup_intent.created", si);
      if (plan) applyConfirm(ctx, si, plan);
      return si;
    },
  }),
  route<Stripe.SetupIntentRetrieveParams>({
    method: "GET",
    path: "/v1/setup_intents/:id",
    spec: fields<Stripe.SetupIntentRetrieveParams>({ client_secret: "string" }),
    publishable: secretLookup,
    handle: ({ app, path }) => getSetupIntent(app, path.id),
  }),
  route<Stripe.SetupIntentUpdateParams>({
    method: "POST",
    path: "/v1/setup_intents/:id",
    spec: fields<Stripe.SetupIntentUpdateParams>({
      customer: "string",
      description: "string",
      metadata: "metadata",
      payment_method: "string",
      allowed_payment_method_types: arrayOf("string"),
    }),
    handle({ app, path, params, request }) {
      const si = getSetupIntent(app, path.id);
      if (si.status === "succeeded" || si.status === "canceled") {
        throw invalidRequest(`You cannot update this SetupIntent because it has a status of ${si.status}.`, {
          code: "setup_intent_unexpected_state",
        });
      }
      if (params.customer !== undefined) {
        if (si.customer && si.customer !== params.customer) {
          throw invalidRequest("You cannot change the customer of a SetupIntent once it is set.", {
            param: "customer",
          });
        }
        si.customer = getCustomer(app, params.customer, "customer").id;
      }
      if (params.description !== undefined) si.description = emptyToNull(params.description);
      if (params.metadata !== undefined) si.metadata = mergeMetadata(si.metadata, params.metadata);
      if (params.allowed_payment_method_types !== undefined) {
        const { types, allowed } = resolvePaymentMethodTypes({
          allowed_payment_method_types: params.allowed_payment_method_types,
        });
        si.payment_method_types = types;
        si.allowed_payment_method_types = allowed;
        si.automatic_payment_methods = allowed ? null : { enabled: true, allow_redirects: "always" };
      }
      if (params.payment_method !== undefined) replacePaymentMethod(app, request, si, params.payment_method);
      return si;
    },
  }),
  route<ConfirmParams>({
    method: "POST",
    path: "/v1/setup_intents/:id/confirm",
    spec: fields<Stripe.SetupIntentConfirmParams>(
      {
        mandate_data: mandateDataSpec,
        payment_method: "string",
        payment_method_data: pmData,
        payment_method_options: "any",
        return_url: "string",
        use_stripe_sdk: "boolean",
      },
      { client_secret: "string" },
    ),
    publishable: secretLookup,
    handle(ctx) {
      const si = getSetupIntent(ctx.app, ctx.path.id);
      return confirmSetupIntent(ctx, si, {
        payment_method: ctx.params.payment_method,
        payment_method_data: ctx.params.payment_method_data as PaymentMethodInput | undefined,
        mandate_data: ctx.params.mandate_data,
        return_url: ctx.params.return_url,
        use_stripe_sdk: ctx.params.use_stripe_sdk,
      });
    },
  }),
  route<Stripe.SetupIntentCancelParams>({
    method: "POST",
    path: "/v1/setup_intents/:id/cancel",
    spec: fields<Stripe.SetupIntentCancelParams>({
      cancellation_reason: oneOf("abandoned", "duplicate", "requested_by_customer"),
    }),
    handle({ app, path, params, request }) {
      const si = getSetupIntent(app, path.id);
      if (si.status === "succeeded" || si.status === "canceled" || si.status === "processing") {
        throw invalidRequest(`You cannot cancel this SetupIntent because it has a status of ${si.status}.`, {
          code: "setup_intent_unexpected_state",
        });
      }
      const before = structuredClone(si);
      si.status = "canceled";
      si.cancellation_reason = params.cancellation_reason ?? null;
      si.next_action = null;
      delete app.store.internal.redirects[si.id];
      clearThreeDs(app, si.id);
      recordEvent(app, request, "setup_intent.canceled", si, changedAttributes(before, si));
      return si;
    },
  }),
  route<Stripe.SetupIntentListParams>({
    method: "GET",
    path: "/v1/setup_intents",
    spec: fields<Stripe.SetupIntentListParams>({ ...paginationSpec, customer: "string", payment_method: "string" }),
    handle({ app, params, url }) {
      const items = app.store.setupIntents
        .newestFirst()
        .filter((si) => params.customer === undefined || si.customer === params.customer)
        .filter((si) => params.payment_method === undefined || si.payment_method === params.payment_method);
      return paginate(items, params, url, "setupintent");
    },
  }),
  route<Stripe.SetupAttemptListParams>({
    method: "GET",
    path: "/v1/setup_attempts",
    spec: fields<Stripe.SetupAttemptListParams>({ ...paginationSpec, setup_intent: "string" }),
    handle({ app, params, url }) {
      if (!params.setup_intent) throw parameterMissing("setup_intent");
      getSetupIntent(app, params.setup_intent, "setup_intent");
      const items = app.store.setupAttempts.newestFirst().filter((a) => a.setup_intent === params.setup_intent);
      return paginate(items, params, url, "setup_attempt");
    },
  }),
];
