/** /v1/payment_methods and /v1/customers/:id/payment_methods */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type RequestInfo } from "../http/router.js";
import { fields, objectOf, oneOf, required, type Kind, type Spec } from "../http/params.js";
import { invalidRequest, parameterInvalid, resourceMissing, StripeError } from "../http/errors.js";
import { newId, nowSeconds } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { changedAttributes, recordEvent } from "../events.js";
import { isRedirectWallet, KNOWN_PAYMENT_METHOD_TYPES, paymentMethodDetails } from "../wallets.js";
import { emptyToNull, mergeMetadata, mustGet } from "./common.js";
import { clearDefaultPaymentMethod, getCustomer } from "./customers.js";
import { deactivateMandatesFor } from "./mandates.js";
import {
  cardDetailsFromInput,
  cardSetupOutcome,
  needsAction,
  resolvePaymentMethodRef,
  type CardInput,
} from "../cards.js";

export function getPaymentMethod(app: App, id: string, param = "id"): Stripe.PaymentMethod {
  return mustGet(app.store.paymentMethods, id, "PaymentMethod", param);
}

const addressSpec = objectOf(
  fields<Stripe.AddressParam>({
    city: "string",
    country: "string",
    line1: "string",
    line2: "string",
    postal_code: "string",
    state: "string",
  }),
);

export const billingDetailsSpec = objectOf(
  fields<Stripe.PaymentMethodCreateParams.BillingDetails>({
    address: addressSpec,
    email: "string",
    name: "string",
    phone: "string",
    tax_id: "string",
  }),
);

const redisplay = oneOf("always", "limited", "unspecified");

/** Raw card fields (`card[number]`, …), or a `card[token]` such as tok_visa. */
export const cardSpec = objectOf(
  fields<Stripe.PaymentMethodCreateParams.Card>({
    number: "string",
    exp_month: "integer",
    exp_year: "integer",
    cvc: "string",
    token: "string",
    networks: "any",
  }),
);

/** A new PaymentMethod's own fields, given directly or as `payment_method_data`. */
const newPaymentMethodFields: { readonly [K in keyof Stripe.SetupIntentCreateParams.PaymentMethodData]?: Kind } = {
  type: required("string"),
  billing_details: billingDetailsSpec,
  metadata: "metadata",
  allow_redisplay: redisplay,
  amazon_pay: objectOf({}),
  kakao_pay: objectOf({}),
};

/** What Stripe.js adds about the browser; accepted and ignored. */
const clientInfoFields: Spec = {
  payment_user_agent: "string",
  time_on_page: "string",
  guid: "string",
  muid: "string",
  sid: "string",
};

/**
 * `payment_method_data` as accepted by SetupIntents and PaymentIntents. The
 * SDK's type has no `card` (raw numbers are for Stripe.js), but Stripe.js
 * sends `payment_method_data[card][…]` when confirming with a card element.
 */
export const paymentMethodDataSpec: Spec = fields<Stripe.SetupIntentCreateParams.PaymentMethodData>(
  newPaymentMethodFields,
  { card: cardSpec, ...clientInfoFields },
);

export interface PaymentMethodInput {
  type: string;
  billing_details?: Stripe.PaymentMethodCreateParams.BillingDetails;
  metadata?: Stripe.Emptyable<Stripe.MetadataParam>;
  allow_redisplay?: string;
  card?: CardInput;
}

/** Where a card hash sits for a given type parameter (`card` / `payment_method_data[card]`). */
function cardParam(typeParam: string): string {
  return typeParam === "type" ? "card" : typeParam.replace(/\[type\]$/, "[card]");
}

/** Checks a to-be-created PaymentMethod without storing anything (intents validate before confirming). */
export function validatePaymentMethodInput(input: PaymentMethodInput, typeParam: string): void {
  if (input.type === "card") cardDetailsFromInput(input.card, cardParam(typeParam));
  else if (!isRedirectWallet(input.type)) throw invalidType(input.type, typeParam);
}

function invalidType(type: string, param: string): Error {
  if ((KNOWN_PAYMENT_METHOD_TYPES as readonly string[]).includes(type)) {
    return invalidRequest(
      `The payment method type "${type}" is not supported by the local Stripe emulator yet. Supported: card, amazon_pay, kakao_pay.`,
      { param, code: "payment_method_unsupported_type" },
    );
  }
  return parameterInvalid(
    param,
    `The payment method type provided: ${type} is invalid. Please ensure the provided type is activated in your dashboard (https://dashboard.stripe.com/account/payments/settings) and your account is enabled for any preview features that you are trying to use.`,
  );
}

/** Builds and stores a PaymentMethod (not attached to anyone yet). */
export function createPaymentMethod(app: App, input: PaymentMethodInput, typeParam: string): Stripe.PaymentMethod {
  let details: Pick<Stripe.PaymentMethod, "card" | "amazon_pay" | "kakao_pay">;
  if (input.type === "card") details = { card: cardDetailsFromInput(input.card, cardParam(typeParam)) };
  else if (isRedirectWallet(input.type)) details = paymentMethodDetails(input.type);
  else throw invalidType(input.type, typeParam);
  const bd = input.billing_details;
  const addr = bd?.address && typeof bd.address === "object" ? bd.address : undefined;
  const pm: Stripe.PaymentMethod = {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: input.allow_redisplay ?? "unspecified",
    billing_details: {
      address: {
        city: addr?.city ?? null,
        country: addr?.country ?? null,
        line1: addr?.line1 ?? null,
        line2: addr?.line2 ?? null,
        postal_code: addr?.postal_code ?? null,
        state: addr?.state ?? null,
      },
      email: emptyToNull(bd?.email ?? null),
      name: emptyToNull(bd?.name ?? null),
      phone: emptyToNull(bd?.phone ?? null),
      tax_id: bd?.tax_id ?? null,
    },
    created: nowSeconds(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: mergeMetadata({}, input.metadata),
    type: input.type,
    ...details,
  };
  return app.store.paymentMethods.insert(pm);
}

/**
 * Attaches a PaymentMethod to a customer (no-op if already theirs). `pmId` may
 * be a `pm_card_*` shortcut (a fresh clone is attached; use the returned id).
 * `verify` runs the card check Stripe does on attach: declining test cards
 * fail with a 402 `card_declined` (intents that already set the card up pass false).
 */
export function attachPaymentMethod(
  app: App,
  origin: RequestInfo,
  pmId: string,
  customerId: string,
  param = "id",
  verify = true,
): Stripe.PaymentMethod {
  const pm = resolvePaymentMethodRef(app, pmId, { scope: origin, param });
  getCustomer(app, customerId, "customer");
  if (pm.customer === customerId) return pm;
  assertNotDetached(app, pm, param);
  if (pm.customer) {
    throw invalidRequest("The payment method you provided has already been attached to a customer.", {
      param,
      code: "payment_method_unexpected_state",
    });
  }
  if (verify && pm.type === "card") {
    const outcome = cardSetupOutcome(pm);
    if (!needsAction(outcome) && !outcome.ok) {
      throw new StripeError({
        status: 402,
        type: "card_error",
        code: outcome.code,
        declineCode: outcome.decline_code,
        message: outcome.message,
      });
    }
  }
  pm.customer = customerId;
  recordEvent(app, origin, "payment_method.attached", pm, { customer: null });
  return pm;
}

/** Stripe: a detached PaymentMethod "may not be used again" (neither attached nor charged). */
export function assertNotDetached(app: App, pm: Stripe.PaymentMethod, param: string): void {
  if (!app.store.internal.detachedPaymentMethods[pm.id]) return;
  throw invalidRequest(
    `The provided PaymentMethod ${pm.id} was detached from a Customer. It may not be used again. To use a payment method again, collect it from the customer anew.`,
    { param, code: "payment_method_unexpected_state" },
  );
}

export function detachPaymentMethod(app: App, origin: RequestInfo, pmId: string): Stripe.PaymentMethod {
  const pm = getPaymentMethod(app, pmId);
  const customerId = typeof pm.customer === "string" ? pm.customer : (pm.customer?.id ?? null);
  if (!customerId) {
    throw invalidRequest("The payment method you provided is not attached to a customer so detachment is impossible.", {
      code: "payment_method_unexpected_state",
    });
  }
  const before = structuredClone(pm);
  pm.customer = null;
  app.store.internal.detachedPaymentMethods[pm.id] = true;
  recordEvent(app, origin, "payment_method.detached", pm, changedAttributes(before, pm));
  // Detaching revokes the customer's permission: its mandates stop working.
  deactivateMandatesFor(app, origin, pm.id);
  clearDefaultPaymentMethod(app, origin, customerId, pm.id);
  return pm;
}

function listFor(app: App, customerId: string, type: string | undefined): Stripe.PaymentMethod[] {
  return app.store.paymentMethods
    .newestFirst()
    .filter((pm) => pm.customer === customerId && (type === undefined || pm.type === type));
}

type CreateParams = Stripe.PaymentMethodCreateParams & { type?: string };

export const paymentMethodRoutes = [
  route<CreateParams>({
    method: "POST",
    path: "/v1/payment_methods",
    spec: fields<Stripe.PaymentMethodCreateParams>(
      { ...newPaymentMethodFields, card: cardSpec, customer: "string", payment_method: "string" },
      clientInfoFields,
    ),
    // Stripe.js creates card PaymentMethods in the browser with the publishable key.
    publishable: "any",
    handle({ app, params }) {
      if (params.customer || params.payment_method) {
        throw invalidRequest(
          "Cloning PaymentMethods (customer / payment_method) is only available to Connect platforms.",
        );
      }
      return createPaymentMethod(
        app,
        {
          type: params.type ?? "",
          billing_details: params.billing_details,
          metadata: params.metadata,
          allow_redisplay: params.allow_redisplay,
          card: params.card as CardInput | undefined,
        },
        "type",
      );
    },
  }),
  route<Stripe.PaymentMethodRetrieveParams>({
    method: "GET",
    path: "/v1/payment_methods/:id",
    spec: fields<Stripe.PaymentMethodRetrieveParams>({}),
    handle: ({ app, path }) => getPaymentMethod(app, path.id),
  }),
  route<Stripe.PaymentMethodUpdateParams>({
    method: "POST",
    path: "/v1/payment_methods/:id",
    spec: fields<Stripe.PaymentMethodUpdateParams>({ metadata: "metadata", allow_redisplay: redisplay }),
    handle({ app, path, params, request }) {
      const pm = getPaymentMethod(app, path.id);
      const before = structuredClone(pm);
      if (params.metadata !== undefined) pm.metadata = mergeMetadata(pm.metadata, params.metadata);
      if (params.allow_redisplay !== undefined) pm.allow_redisplay = params.allow_redisplay;
      const previous = changedAttributes(before, pm);
      if (Object.keys(previous).length > 0) recordEvent(app, request, "payment_method.updated", pm, previous);
      return pm;
    },
  }),
  route<Stripe.PaymentMethodListParams>({
    method: "GET",
    path: "/v1/payment_methods",
    spec: fields<Stripe.PaymentMethodListParams>({ ...paginationSpec, customer: required("string"), type: "string" }),
    handle({ app, params, url }) {
      const customerId = params.customer ?? "";
      getCustomer(app, customerId, "customer");
      return paginate(listFor(app, customerId, params.type), params, url, "PaymentMethod");
    },
  }),
  route<Stripe.PaymentMethodAttachParams>({
    method: "POST",
    path: "/v1/payment_methods/:id/attach",
    spec: fields<Stripe.PaymentMethodAttachParams>({ customer: required("string") }),
    handle: ({ app, path, params, request }) => attachPaymentMethod(app, request, path.id, params.customer ?? ""),
  }),
  route<Stripe.PaymentMethodDetachParams>({
    method: "POST",
    path: "/v1/payment_methods/:id/detach",
    spec: fields<Stripe.PaymentMethodDetachParams>({}),
    handle: ({ app, path, request }) => detachPaymentMethod(app, request, path.id),
  }),
  route<Stripe.CustomerListPaymentMethodsParams>({
    method: "GET",
    path: "/v1/customers/:id/payment_methods",
    spec: fields<Stripe.CustomerListPaymentMethodsParams>({
      ...paginationSpec,
      type: "string",
      allow_redisplay: redisplay,
    }),
    handle({ app, path, params, url }) {
      getCustomer(app, path.id);
      return paginate(listFor(app, path.id, params.type), params, url, "PaymentMethod");
    },
  }),
  route<Stripe.CustomerRetrievePaymentMethodParams>({
    method: "GET",
    path: "/v1/customers/:customer/payment_methods/:id",
    spec: fields<Stripe.CustomerRetrievePaymentMethodParams>({}),
    handle({ app, path }) {
      getCustomer(app, path.customer, "customer");
      const pm = app.store.paymentMethods.get(path.id);
      if (!pm || pm.customer !== path.customer) throw resourceMissing("PaymentMethod", path.id);
      return pm;
    },
  }),
];
