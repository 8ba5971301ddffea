/**
 * Which PaymentMethod a SetupIntent or PaymentIntent uses, as given on create,
 * update and confirm. Both intents check `payment_method` and
 * `payment_method_data` the same way; only the object name in messages differs.
 */
import type Stripe from "stripe";
import type { App } from "../app.js";
import type { Ctx, RequestInfo } from "../http/router.js";
import { invalidRequest } from "../http/errors.js";
import { clearThreeDs, resolvePaymentMethodRef } from "../cards.js";
import { idOf } from "./common.js";
import { createPaymentMethod, validatePaymentMethodInput, type PaymentMethodInput } from "./payment-methods.js";
import { assertUsablePaymentMethod, notAllowedType } from "./intent-common.js";

type IntentObject = "SetupIntent" | "PaymentIntent";
type Intent = Stripe.SetupIntent | Stripe.PaymentIntent;

/** Stripe words the "nothing to confirm with" error differently per object. */
const MISSING_PAYMENT_METHOD: Record<IntentObject, { message: string; code: string }> = {
  PaymentIntent: {
    message:
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent, provide a payment_method or payment_method_data.",
    code: "payment_intent_unexpected_state",
  },
  SetupIntent: {
    message:
      "You cannot confirm this SetupIntent because it's missing a payment method. Update the SetupIntent with a payment method and then confirm it again.",
    code: "setup_intent_unexpected_state",
  },
};

export interface ConfirmPaymentMethod {
  /** A stored method (`payment_method`, or the intent's own). */
  existing: Stripe.PaymentMethod | null;
  /** A method still to be created from `payment_method_data`. */
  data: PaymentMethodInput | null;
  type: string;
}

/** The method a confirm will use, checked against the intent; creates nothing but `pm_card_*` clones. */
export function confirmPaymentMethod(
  ctx: Ctx<unknown>,
  intent: Intent,
  input: { payment_method?: string; payment_method_data?: PaymentMethodInput },
  object: IntentObject,
): ConfirmPaymentMethod {
  if (input.payment_method && input.payment_method_data) {
    throw invalidRequest("You may only specify one of these parameters: payment_method, payment_method_data.", {
      param: "payment_method_data",
    });
  }
  const customer = idOf(intent.customer);
  const types = intent.payment_method_types;
  if (input.payment_method_data) {
    const data = input.payment_method_data;
    if (!types.includes(data.type)) throw notAllowedType(data.type, types, "payment_method_data[type]", object);
    validatePaymentMethodInput(data, "payment_method_data[type]");
    return { existing: null, data, type: data.type };
  }
  const pmId = input.payment_method ?? idOf(intent.payment_method);
  if (!pmId) {
    const { message, code } = MISSING_PAYMENT_METHOD[object];
    throw invalidRequest(message, { code });
  }
  const existing = resolvePaymentMethodRef(ctx.app, pmId, { scope: ctx.request });
  assertUsablePaymentMethod(ctx.app, existing, customer, "payment_method");
  if (!types.includes(existing.type)) throw notAllowedType(existing.type, types, "payment_method", object);
  return { existing, data: null, type: existing.type };
}

/** Create-time `payment_method` / `payment_method_data`, checked against the new intent's types. */
export function createTimePaymentMethod(
  ctx: Ctx<unknown>,
  params: { payment_method?: string; payment_method_data?: unknown },
  customer: string | null,
  types: string[],
  object: IntentObject,
): { existing: Stripe.PaymentMethod | null; data: PaymentMethodInput | undefined } {
  let existing: Stripe.PaymentMethod | null = null;
  if (params.payment_method) {
    existing = resolvePaymentMethodRef(ctx.app, params.payment_method, { scope: ctx.request });
    assertUsablePaymentMethod(ctx.app, existing, customer, "payment_method");
    if (!types.includes(existing.type)) throw notAllowedType(existing.type, types, "payment_method", object);
  }
  const data = params.payment_method_data as PaymentMethodInput | undefined;
  if (data && !types.includes(data.type)) throw notAllowedType(data.type, types, "payment_method_data[type]", object);
  return { existing, data };
}

/** An intent created without confirm keeps its method and waits in requires_confirmation. */
export function presetPaymentMethod(
  app: App,
  intent: Intent,
  existing: Stripe.PaymentMethod | null,
  data: PaymentMethodInput | undefined,
): void {
  const pm = data ? createPaymentMethod(app, data, "payment_method_data[type]") : existing;
  if (!pm) return;
  intent.payment_method = pm.id;
  intent.status = "requires_confirmation";
}

/** Update with a new `payment_method`: any pending challenge is dropped and the intent needs confirming again. */
export function replacePaymentMethod(app: App, request: RequestInfo, intent: Intent, ref: string): void {
  const pm = resolvePaymentMethodRef(app, ref, { scope: request });
  assertUsablePaymentMethod(app, pm, idOf(intent.customer), "payment_method");
  intent.payment_method = pm.id;
  intent.status = "requires_confirmation";
  intent.next_action = null;
  clearThreeDs(app, intent.id);
}
