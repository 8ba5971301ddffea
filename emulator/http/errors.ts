/** Stripe's error JSON and the status codes that go with it. */
export type ErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";

export interface ErrorInit {
  status: number;
  type: ErrorType;
  message: string;
  code?: string;
  param?: string;
  declineCode?: string;
  /** Extra fields Stripe puts in the error, e.g. `payment_intent` on a 402. */
  extra?: Record<string, unknown>;
  /**
   * Stripe saves an idempotent result only once the endpoint started executing;
   * validation and auth failures are not saved, so a corrected retry can run.
   */
  saveIdempotent?: boolean;
}

export class StripeError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly code?: string;
  readonly param?: string;
  readonly declineCode?: string;
  readonly extra?: Record<string, unknown>;
  readonly saveIdempotent: boolean;

  constructor(init: ErrorInit) {
    super(init.message);
    this.status = init.status;
    this.type = init.type;
    this.code = init.code;
    this.param = init.param;
    this.declineCode = init.declineCode;
    this.extra = init.extra;
    this.saveIdempotent = init.saveIdempotent ?? true;
  }

  body(requestId: string): { error: Record<string, unknown> } {
    const docCode = this.code;
    const error: Record<string, unknown> = {};
    if (this.code) error.code = this.code;
    if (this.declineCode) error.decline_code = this.declineCode;
    error.doc_url = docCode
      ? `https://stripe.com/docs/error-codes/${docCode.replace(/_/g, "-")}`
      : "https://stripe.com/docs/api/errors";
    error.message = this.message;
    if (this.param) error.param = this.param;
    error.request_log_url = `https://dashboard.stripe.com/test/logs/${requestId}?t=${Math.floor(Date.now() / 1000)}`;
    error.type = this.type;
    if (this.extra) Object.assign(error, this.extra);
    return { error };
  }
}

// Factories for the errors used across resources. Validation errors are not
// saved for idempotency (see ErrorInit.saveIdempotent).

export function parameterUnknown(param: string): StripeError {
  return new StripeError({
    status: 400,
    type: "invalid_request_error",
    code: "parameter_unknown",
    message: `Received unknown parameter: ${param}`,
    param,
    saveIdempotent: false,
  });
}

export function parameterMissing(param: string): StripeError {
  return new StripeError({
    status: 400,
    type: "invalid_request_error",
    code: "parameter_missing",
    message: `Missing required param: ${param}.`,
    param,
    saveIdempotent: false,
  });
}

export function parameterInvalid(param: string, message: string, code?: string): StripeError {
  return new StripeError({
    status: 400,
    type: "invalid_request_error",
    code,
    message,
    param,
    saveIdempotent: false,
  });
}

/** A request that is well-formed but not valid for the object's state. */
export function invalidRequest(message: string, opts: { param?: string; code?: string } = {}): StripeError {
  return new StripeError({ status: 400, type: "invalid_request_error", message, ...opts });
}

export function resourceMissing(objectName: string, id: string, param = "id"): StripeError {
  return new StripeError({
    status: 404,
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${objectName}: '${id}'`,
    param,
  });
}

export function unrecognizedUrl(method: string, path: string): StripeError {
  return new StripeError({
    status: 404,
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    saveIdempotent: false,
  });
}

export function apiError(
  message = "Sorry, something went wrong. We've already been notified of the problem, but if you need any help, you can reach us at https://support.stripe.com/contact.",
): StripeError {
  return new StripeError({ status: 500, type: "api_error", message, saveIdempotent: false });
}

/** An injected decline (test fault): Stripe's 402 card_error, not saved for idempotency so a retry can run. */
export function injectedDecline(declineCode: string): StripeError {
  return new StripeError({
    status: 402,
    type: "card_error",
    code: "card_declined",
    declineCode,
    message: "Your card was declined.",
    saveIdempotent: false,
  });
}
