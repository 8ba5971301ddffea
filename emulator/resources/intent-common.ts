/** Pieces shared by SetupIntents and PaymentIntents. */
import type Stripe from "stripe";
import { invalidRequest, parameterInvalid } from "../http/errors.js";
import { KNOWN_PAYMENT_METHOD_TYPES } from "../wallets.js";
import type { App } from "../app.js";
import { idOf } from "./common.js";
import { assertNotDetached } from "./payment-methods.js";

/**
 * In API version 2026-10-28.endive intents take `allowed_payment_method_types`;
 * the older `payment_method_types` parameter is gone (parameter_unknown), but
 * the objects still report the resolved list as `payment_method_types`.
 */
export interface TypesInput {
  allowed_payment_method_types?: string[] | null | "";
  automatic_payment_methods?: { enabled?: boolean };
}

/** Checks the requested types; `allowed` is null when automatic. */
export function resolvePaymentMethodTypes(input: TypesInput): { types: string[]; allowed: string[] | null } {
  const requested = input.allowed_payment_method_types || undefined;
  if (requested && input.automatic_payment_methods?.enabled) {
    throw invalidRequest(
      "You may only specify one of these parameters: automatic_payment_methods, allowed_payment_method_types.",
      { param: "automatic_payment_methods" },
    );
  }
  if (!requested || requested.length === 0) {
    return { types: [...KNOWN_PAYMENT_METHOD_TYPES], allowed: null };
  }
  requested.forEach((t, i) => {
    if (!(KNOWN_PAYMENT_METHOD_TYPES as readonly string[]).includes(t)) {
      throw parameterInvalid(
        `allowed_payment_method_types[${i}]`,
        `The payment method type provided: ${t} is invalid. Please ensure the provided type is activated in your dashboard (https://dashboard.stripe.com/account/payments/settings) and your account is enabled for any preview features that you are trying to use.`,
      );
    }
  });
  const types = [...new Set(requested)];
  return { types, allowed: types };
}

export function notAllowedType(
  type: string,
  allowed: string[],
  param: string,
  object: "SetupIntent" | "PaymentIntent",
): Error {
  return invalidRequest(
    `The PaymentMethod provided (${type}) is not allowed for this ${object}. Please attach a PaymentMethod of one of the following types: ${allowed.join(", ")}. Alternatively, update the allowed_payment_method_types for this ${object} to include "${type}".`,
    { param, code: "payment_intent_incompatible_payment_method" },
  );
}

/** A saved PaymentMethod may only be used with its own customer, and never once detached. */
export function assertUsablePaymentMethod(
  app: App,
  pm: Stripe.PaymentMethod,
  customer: string | null,
  param: string,
): void {
  assertNotDetached(app, pm, param);
  const owner = idOf(pm.customer);
  if (owner && owner !== customer) {
    throw invalidRequest(
      `The provided PaymentMethod ${pm.id} belongs to customer ${owner}, but this intent ${customer ? `is for customer ${customer}` : "has no customer"}.`,
      { param },
    );
  }
}

/** Types the emulator lists but cannot confirm. */
export function unsupportedType(type: string): never {
  throw invalidRequest(
    `The payment method type "${type}" cannot be confirmed by the local Stripe emulator yet. Supported: card, amazon_pay, kakao_pay.`,
    { param: "payment_method_data[type]", code: "payment_method_unsupported_type" },
  );
}
