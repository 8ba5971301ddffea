/**
 * /v1/checkout/sessions (setup mode).
 *
 * A session is `open` with a hosted page at `url` (pages/checkout-page.ts).
 * Submitting the page creates the session's SetupIntent (customer, the
 * session's types, usage off_session) and confirms it with the browser's
 * acceptance; the wallet's page then authorizes it. When that SetupIntent
 * succeeds the session is `complete` (checkout.session.completed). An open
 * session expires at `expires_at` (24 h by default, on the customer's test
 * clock when it has one) or on POST …/expire (checkout.session.expired).
 * `payment` and `subscription` modes answer a 400 naming `mode`.
 */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type RequestInfo } from "../http/router.js";
import { arrayOf, fields, objectOf, oneOf } from "../http/params.js";
import { invalidRequest, parameterInvalid, parameterMissing } from "../http/errors.js";
import { newId, randomAlnum } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { changedAttributes, NO_REQUEST, onEvent, recordEvent } from "../events.js";
import { assertValidReturnUrl } from "../redirects.js";
import { walletInfo, REDIRECT_WALLETS } from "../wallets.js";
import { emptyToNull, idOf, mergeMetadata, mustGet } from "./common.js";
import { getCustomer } from "./customers.js";
import { resolvePaymentMethodTypes } from "./intent-common.js";
import { nowFor } from "./test-clocks.js";

type Session = Stripe.Checkout.Session;

const DEFAULT_LIFETIME = 24 * 3600;
const MIN_LIFETIME = 30 * 60;
/** Stripe replaces this template in success_url with the session's id. */
export const SESSION_ID_PLACEHOLDER = "{CHECKOUT_SESSION_ID}";

export function getCheckoutSession(app: App, id: string, param = "id"): Session {
  expireDueCheckoutSessions(app);
  return mustGet(app.store.checkoutSessions, id, "checkout.session", param);
}

/** success_url with the session id filled in. */
export function successUrlOf(session: Session): string {
  return (session.success_url ?? "").split(SESSION_ID_PLACEHOLDER).join(encodeURIComponent(session.id));
}

// ---------------------------------------------------------------- lifecycle

function expireSession(app: App, origin: RequestInfo, session: Session): void {
  const before = structuredClone(session);
  session.status = "expired";
  session.url = null;
  // The session's SetupIntent can no longer be finished on the wallet's page.
  const si = session.setup_intent ? app.store.setupIntents.get(idOf(session.setup_intent)!) : undefined;
  if (si && si.status !== "succeeded" && si.status !== "canceled") {
    const siBefore = structuredClone(si);
    si.status = "canceled";
    si.cancellation_reason = "abandoned";
    si.next_action = null;
    delete app.store.internal.redirects[si.id];
    recordEvent(app, origin, "setup_intent.canceled", si, changedAttributes(siBefore, si));
  }
  recordEvent(app, origin, "checkout.session.expired", session, changedAttributes(before, session));
}

/** Expires every open session whose expires_at has passed (real time, or its customer's test clock). */
export function expireDueCheckoutSessions(app: App): void {
  for (const session of app.store.checkoutSessions.newestFirst().reverse()) {
    if (session.status === "open" && nowFor(app, idOf(session.customer)) >= session.expires_at) {
      expireSession(app, NO_REQUEST, session);
    }
  }
}

/** The session's SetupIntent succeeded (on the wallet's page): the session is complete. */
onEvent("setup_intent.succeeded", (app, origin, event) => {
  const si = event.data.object as Stripe.SetupIntent;
  const sessionId = app.store.internal.checkoutSessionOfSetupIntent[si.id];
  const session = sessionId ? app.store.checkoutSessions.get(sessionId) : undefined;
  if (!session || session.status !== "open") return;
  const before = structuredClone(session);
  const customerId = idOf(session.customer);
  const customer = customerId ? app.store.customers.get(customerId) : undefined;
  session.status = "complete";
  session.url = null;
  session.customer_details = {
    address: null,
    business_name: null,
    email: customer?.email ?? session.customer_email,
    individual_name: null,
    name: customer?.name ?? null,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };
  recordEvent(app, origin, "checkout.session.completed", session, changedAttributes(before, session));
});

// ---------------------------------------------------------------- creation

function checkUrl(value: string | undefined, param: string): string | null {
  if (value === undefined || value === "") return null;
  assertValidReturnUrl(value, param);
  return value;
}

/** Types the hosted page can offer: the redirect wallets (cards have no form here yet). */
function sessionTypes(params: Stripe.Checkout.SessionCreateParams): { types: string[]; allowed: string[] | null } {
  const { types, allowed } = resolvePaymentMethodTypes({
    allowed_payment_method_types: params.allowed_payment_method_types,
  });
  const currency = params.currency?.toLowerCase();
  const fits = (t: string) => {
    const currencies = walletInfo(t)?.currencies;
    return !currency || !currencies || currencies.includes(currency);
  };
  if (!allowed) {
    return { types: Object.keys(REDIRECT_WALLETS).filter(fits), allowed: null };
  }
  allowed.forEach((t, i) => {
    const param = `allowed_payment_method_types[${i}]`;
    if (!walletInfo(t)) {
      throw invalidRequest(
        `The payment method type "${t}" is not offered by the local Stripe emulator's hosted Checkout page yet. Supported: amazon_pay, kakao_pay.`,
        { param, code: "payment_method_unsupported_type" },
      );
    }
    if (!fits(t)) {
      throw invalidRequest(
        `The payment method type ${t} does not support the currency ${currency}. Supported: ${walletInfo(t)!.currencies!.join(", ")}.`,
        { param },
      );
    }
  });
  return { types, allowed };
}

type CreateParams = Stripe.Checkout.SessionCreateParams;

function createSession(app: App, request: RequestInfo, params: CreateParams, publicUrl: string): Session {
  if (!params.mode) throw parameterMissing("mode");
  if (params.mode !== "setup") {
    throw invalidRequest(
      `The local Stripe emulator supports Checkout Sessions in \`setup\` mode only; \`${params.mode}\` mode is not emulated yet.`,
      { param: "mode" },
    );
  }
  if (params.ui_mode && params.ui_mode !== "hosted_page") {
    throw parameterInvalid(
      "ui_mode",
      "The local Stripe emulator serves hosted Checkout pages only (`ui_mode=hosted_page`).",
    );
  }
  if (params.line_items) throw invalidRequest("You cannot pass `line_items` in `setup` mode.", { param: "line_items" });
  const successUrl = checkUrl(params.success_url, "success_url");
  if (!successUrl) throw parameterMissing("success_url");
  const cancelUrl = checkUrl(params.cancel_url, "cancel_url");
  if (params.customer && params.customer_email) {
    throw invalidRequest("You may only specify one of these parameters: customer, customer_email.", {
      param: "customer_email",
    });
  }
  const customer = params.customer ? getCustomer(app, params.customer, "customer").id : null;
  if (params.currency !== undefined && !/^[a-zA-Z]{3}$/.test(params.currency)) {
    throw parameterInvalid("currency", `Invalid currency: ${params.currency}.`);
  }
  const { types, allowed } = sessionTypes(params);
  const created = nowFor(app, customer);
  const expiresAt = params.expires_at ?? created + DEFAULT_LIFETIME;
  if (expiresAt < created + MIN_LIFETIME) {
    throw parameterInvalid(
      "expires_at",
      "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
    );
  }
  if (expiresAt > created + DEFAULT_LIFETIME) {
    throw parameterInvalid(
      "expires_at",
      "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
    );
  }
  const id = newId("cs_test");
  const session: Session = {
    id,
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: allowed,
    amount_subtotal: null,
    amount_total: null,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: cancelUrl,
    client_reference_id: emptyToNull(params.client_reference_id),
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: params.currency?.toLowerCase() ?? null,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer,
    customer_account: null,
    customer_creation: null,
    customer_details: null,
    customer_email: emptyToNull(params.customer_email),
    discounts: null,
    expires_at: expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: params.locale ?? null,
    managed_payments: null,
    metadata: mergeMetadata({}, params.metadata),
    mode: "setup",
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "always",
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: types,
    payment_status: "no_payment_required",
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: null,
    subscription: null,
    success_url: successUrl,
    total_details: null,
    ui_mode: "hosted_page",
    url: `${publicUrl}/c/pay/${id}#${randomAlnum(24)}`,
    wallet_options: null,
  };
  app.store.checkoutSessions.insert(session);
  app.store.internal.checkoutSetupIntentData[id] = {
    description: emptyToNull(params.setup_intent_data?.description),
    metadata: mergeMetadata({}, params.setup_intent_data?.metadata),
  };
  return session;
}

// -------------------------------------------------------------------- routes

export const checkoutSessionRoutes = [
  route<CreateParams>({
    method: "POST",
    path: "/v1/checkout/sessions",
    spec: fields<CreateParams>({
      allowed_payment_method_types: arrayOf("string"),
      cancel_url: "string",
      client_reference_id: "string",
      currency: "string",
      customer: "string",
      customer_email: "string",
      expires_at: "integer",
      line_items: "any",
      locale: "string",
      metadata: "metadata",
      mode: oneOf("payment", "setup", "subscription"),
      setup_intent_data: objectOf(
        fields<Stripe.Checkout.SessionCreateParams.SetupIntentData>({ description: "string", metadata: "metadata" }),
      ),
      success_url: "string",
      ui_mode: oneOf("hosted_page", "embedded_page", "elements", "form"),
    }),
    handle: ({ app, params, request }) => createSession(app, request, params, app.config.publicUrl),
  }),
  route<Stripe.Checkout.SessionRetrieveParams>({
    method: "GET",
    path: "/v1/checkout/sessions/:id",
    spec: fields<Stripe.Checkout.SessionRetrieveParams>({}),
    handle: ({ app, path }) => getCheckoutSession(app, path.id),
  }),
  route<Stripe.Checkout.SessionListParams>({
    method: "GET",
    path: "/v1/checkout/sessions",
    spec: fields<Stripe.Checkout.SessionListParams>({
      ...paginationSpec,
      customer: "string",
      status: oneOf("open", "complete", "expired"),
    }),
    handle({ app, params, url }) {
      expireDueCheckoutSessions(app);
      const items = app.store.checkoutSessions
        .newestFirst()
        .filter((s) => params.customer === undefined || s.customer === params.customer)
        .filter((s) => params.status === undefined || s.status === params.status);
      return paginate(items, params, url, "checkout.session");
    },
  }),
  route<Stripe.Checkout.SessionExpireParams>({
    method: "POST",
    path: "/v1/checkout/sessions/:id/expire",
    spec: fields<Stripe.Checkout.SessionExpireParams>({}),
    handle({ app, path, request }) {
      const session = getCheckoutSession(app, path.id);
      if (session.status !== "open") {
        throw invalidRequest(
          `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of ${session.status}.`,
          { code: "checkout_session_unexpected_state" },
        );
      }
      expireSession(app, request, session);
      return session;
    },
  }),
];
