/**
 * Cards as Stripe test mode has them: the documented test numbers and their
 * outcomes, the `pm_card_*` / `tok_*` shortcuts, card validation, the
 * "set up for off-session use" memory per PaymentMethod and the pending 3D
 * Secure challenges behind `next_action.use_stripe_sdk`.
 *
 * Every charge outcome is decided by `cardChargeOutcome` (PaymentIntent
 * confirmation on- and off-session, subscription renewals); every setup
 * outcome by `cardSetupOutcome` (SetupIntents, attach).
 */
import { createHash } from "node:crypto";
import type Stripe from "stripe";
import type { App } from "./app.js";
import type { RequestInfo } from "./http/router.js";
import { parameterMissing, resourceMissing, StripeError } from "./http/errors.js";
import { randomAlnum } from "./ids.js";
import { createPaymentMethod, getPaymentMethod } from "./resources/payment-methods.js";

// ------------------------------------------------------------- test numbers

/** What a test card does when it is set up or charged. */
export type CardBehavior =
  | { kind: "success" }
  /** Declines on setup, attach and every charge. */
  | { kind: "decline"; code: string; declineCode: string }
  /** Sets up and attaches fine; every charge declines (4000000000000341). */
  | { kind: "charge_fails"; code: string; declineCode: string }
  /**
   * Needs 3D Secure on setup and on on-session payments.
   * `offSession`: what an off-session charge does — "if_set_up" succeeds only
   * once the card was set up for off-session use; "never" always asks for
   * authentication; "always" succeeds even without a setup.
   * `thenDecline`: the charge still declines after authentication.
   */
  | { kind: "authenticate"; offSession: "if_set_up" | "never" | "always"; setup: boolean; thenDecline?: string };

interface TestCard {
  number: string;
  brand: string;
  funding: string;
  country: string;
  behavior: CardBehavior;
  /** `pm_card_<name>` and `tok_<name>` shortcuts for this number. */
  shortcuts: string[];
  description: string;
}

const ok: CardBehavior = { kind: "success" };
const decline = (declineCode: string, code = "card_declined"): CardBehavior => ({ kind: "decline", code, declineCode });

/** Stripe's documented test numbers (https://docs.stripe.com/testing). */
export const TEST_CARDS: readonly TestCard[] = [
  {
    number: "4242424242424242",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: ok,
    shortcuts: ["visa"],
    description: "Succeeds",
  },
  {
    number: "4000056655665556",
    brand: "visa",
    funding: "debit",
    country: "US",
    behavior: ok,
    shortcuts: ["visa_debit"],
    description: "Succeeds (debit)",
  },
  {
    number: "5555555555554444",
    brand: "mastercard",
    funding: "credit",
    country: "US",
    behavior: ok,
    shortcuts: ["mastercard"],
    description: "Succeeds",
  },
  {
    number: "5200828282828210",
    brand: "mastercard",
    funding: "debit",
    country: "US",
    behavior: ok,
    shortcuts: ["mastercard_debit"],
    description: "Succeeds (debit)",
  },
  {
    number: "378282246310005",
    brand: "amex",
    funding: "credit",
    country: "US",
    behavior: ok,
    shortcuts: ["amex"],
    description: "Succeeds",
  },
  {
    number: "6011111111111117",
    brand: "discover",
    funding: "credit",
    country: "US",
    behavior: ok,
    shortcuts: ["discover"],
    description: "Succeeds",
  },
  {
    number: "3566002020360505",
    brand: "jcb",
    funding: "credit",
    country: "JP",
    behavior: ok,
    shortcuts: ["jcb"],
    description: "Succeeds",
  },
  {
    number: "6200000000000005",
    brand: "unionpay",
    funding: "credit",
    country: "CN",
    behavior: ok,
    shortcuts: ["unionpay"],
    description: "Succeeds",
  },
  {
    number: "4000000000003055",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: ok,
    shortcuts: ["threeDSecureOptional"],
    description: "3D Secure supported, not required: succeeds",
  },
  {
    number: "4000000000000002",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: decline("generic_decline"),
    shortcuts: ["chargeDeclined", "visa_chargeDeclined"],
    description: "Declined (generic_decline)",
  },
  {
    number: "4000000000009995",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: decline("insufficient_funds"),
    shortcuts: ["visa_chargeDeclinedInsufficientFunds", "chargeDeclinedInsufficientFunds"],
    description: "Declined (insufficient_funds)",
  },
  {
    number: "4000000000009987",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: decline("lost_card"),
    shortcuts: ["visa_chargeDeclinedLostCard", "chargeDeclinedLostCard"],
    description: "Declined (lost_card)",
  },
  {
    number: "4000000000009979",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: decline("stolen_card"),
    shortcuts: ["visa_chargeDeclinedStolenCard", "chargeDeclinedStolenCard"],
    description: "Declined (stolen_card)",
  },
  {
    number: "4000000000000069",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: decline("expired_card", "expired_card"),
    shortcuts: ["chargeDeclinedExpiredCard"],
    description: "Declined (expired_card)",
  },
  {
    number: "4000000000000127",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: decline("incorrect_cvc", "incorrect_cvc"),
    shortcuts: ["chargeDeclinedIncorrectCvc"],
    description: "Declined (incorrect_cvc)",
  },
  {
    number: "4000000000000119",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: decline("processing_error", "processing_error"),
    shortcuts: ["chargeDeclinedProcessingError"],
    description: "Declined (processing_error)",
  },
  {
    number: "4000000000000341",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: { kind: "charge_fails", code: "card_declined", declineCode: "generic_decline" },
    shortcuts: ["chargeCustomerFail"],
    description: "Attaches and sets up; every charge declines (generic_decline)",
  },
  {
    number: "4000002500003155",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: { kind: "authenticate", offSession: "if_set_up", setup: true },
    shortcuts: ["authenticationRequiredOnSetup"],
    description: "Authentication on setup and on-session payments; off-session payments succeed once set up",
  },
  {
    number: "4000002760003184",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: { kind: "authenticate", offSession: "never", setup: true },
    shortcuts: ["authenticationRequired"],
    description: "Authentication on every setup and payment; off-session payments fail with authentication_required",
  },
  {
    number: "4000003800000446",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: { kind: "authenticate", offSession: "always", setup: false },
    shortcuts: ["authenticationRequiredSetupForOffSession"],
    description: "Already set up: off-session payments succeed, on-session payments need authentication",
  },
  {
    number: "4000008260003178",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: { kind: "authenticate", offSession: "if_set_up", setup: true, thenDecline: "insufficient_funds" },
    shortcuts: ["authenticationRequiredChargeDeclinedInsufficientFunds"],
    description: "Authentication required, then every payment declines (insufficient_funds)",
  },
  {
    number: "4000000000003220",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: { kind: "authenticate", offSession: "never", setup: true },
    shortcuts: ["threeDSecure2Required"],
    description: "3D Secure 2 required on every setup and payment",
  },
  {
    number: "4000000000003063",
    brand: "visa",
    funding: "credit",
    country: "US",
    behavior: { kind: "authenticate", offSession: "never", setup: true },
    shortcuts: ["threeDSecureRequired"],
    description: "3D Secure required on every setup and payment",
  },
];

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Stable per card number, like Stripe's (same number → same fingerprint). */
export function cardFingerprint(number: string): string {
  const digest = createHash("sha256").update(`stripe-emulator-card:${number}`).digest();
  let out = "";
  for (let i = 0; i < 16; i++) out += BASE62[digest[i] % 62];
  return out;
}

const byFingerprint = new Map(TEST_CARDS.map((c) => [cardFingerprint(c.number), c]));
const byShortcut = new Map(TEST_CARDS.flatMap((c) => c.shortcuts.map((s) => [s, c] as const)));

/** The test card behind a card PaymentMethod (unknown numbers behave like 4242). */
export function behaviorOf(pm: Stripe.PaymentMethod): CardBehavior {
  if (pm.type !== "card" || !pm.card) throw new Error(`${pm.id} is not a card PaymentMethod`);
  return byFingerprint.get(pm.card.fingerprint ?? "")?.behavior ?? ok;
}

// --------------------------------------------------------------- validation

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function brandOf(number: string): string {
  if (/^4/.test(number)) return "visa";
  if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/.test(number)) return "mastercard";
  if (/^3[47]/.test(number)) return "amex";
  if (/^(6011|65|64[4-9])/.test(number)) return "discover";
  if (/^35/.test(number)) return "jcb";
  if (/^(36|38|30[0-5])/.test(number)) return "diners";
  if (/^62/.test(number)) return "unionpay";
  return "unknown";
}

const DISPLAY_BRAND: Record<string, string> = {
  visa: "visa",
  mastercard: "mastercard",
  amex: "american_express",
  discover: "discover",
  jcb: "jcb",
  diners: "diners_club",
  unionpay: "union_pay",
};

/** Raw card fields as sent in `card[...]` / `payment_method_data[card][...]`. */
export interface CardInput {
  number?: string;
  exp_month?: number;
  exp_year?: number;
  cvc?: string;
  token?: string;
  networks?: unknown;
}

function cardError(code: string, message: string, param: string): StripeError {
  // Invalid card details are card errors (HTTP 402), not validation errors.
  return new StripeError({ status: 402, type: "card_error", code, message, param, saveIdempotent: false });
}

/**
 * Validates card fields and builds the PaymentMethod's `card` hash. `prefix`
 * names the hash in `parameter_missing` errors (`card`, `payment_method_data[card]`).
 */
export function cardDetailsFromInput(input: CardInput | undefined | null, prefix: string): Stripe.PaymentMethod.Card {
  if (!input || typeof input !== "object") throw parameterMissing(prefix);
  if (input.token !== undefined) {
    const card = input.token.startsWith("tok_") ? byShortcut.get(input.token.slice(4)) : undefined;
    if (!card) throw resourceMissing("token", input.token, `${prefix}[token]`);
    const { month, year } = shortcutExpiry();
    return buildCard(card.number, month, year, false);
  }
  if (input.number === undefined || input.number === "") throw parameterMissing(`${prefix}[number]`);
  const number = String(input.number).replace(/[\s-]/g, "");
  if (!/^\d{13,19}$/.test(number) || !luhnValid(number)) {
    throw cardError("incorrect_number", "Your card number is incorrect.", "number");
  }
  if (input.exp_month === undefined) throw parameterMissing(`${prefix}[exp_month]`);
  if (input.exp_year === undefined) throw parameterMissing(`${prefix}[exp_year]`);
  const month = Number(input.exp_month);
  let year = Number(input.exp_year);
  if (year >= 0 && year < 100) year += 2000;
  const now = new Date();
  const thisYear = now.getUTCFullYear();
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw cardError("invalid_expiry_month", "Your card's expiration month is invalid.", "exp_month");
  }
  if (!Number.isInteger(year) || year < thisYear || year > thisYear + 50) {
    throw cardError("invalid_expiry_year", "Your card's expiration year is invalid.", "exp_year");
  }
  if (year === thisYear && month < now.getUTCMonth() + 1) {
    throw cardError("invalid_expiry_month", "Your card's expiration month is invalid.", "exp_month");
  }
  const cvc = input.cvc === undefined ? undefined : String(input.cvc);
  if (cvc !== undefined && cvc !== "" && !/^\d{3,4}$/.test(cvc)) {
    throw cardError("invalid_cvc", "Your card's security code is invalid.", "cvc");
  }
  return buildCard(number, month, year, cvc !== undefined && cvc !== "");
}

function shortcutExpiry(): { month: number; year: number } {
  const now = new Date();
  return { month: now.getUTCMonth() + 1, year: now.getUTCFullYear() + 1 };
}

function buildCard(number: string, month: number, year: number, withCvc: boolean): Stripe.PaymentMethod.Card {
  const known = byFingerprint.get(cardFingerprint(number));
  const brand = known?.brand ?? brandOf(number);
  return {
    brand,
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: withCvc ? "unchecked" : null },
    country: known?.country ?? "US",
    display_brand: DISPLAY_BRAND[brand] ?? "other",
    exp_month: month,
    exp_year: year,
    fingerprint: cardFingerprint(number),
    funding: known?.funding ?? "credit",
    generated_from: null,
    last4: number.slice(-4),
    networks: { available: [brand], preferred: null },
    regulated_status: "unregulated",
    three_d_secure_usage: { supported: true },
    wallet: null,
  };
}

// ----------------------------------------------------- pm_card_* shortcuts

const PM_PREFIX = "pm_card_";

export function isPaymentMethodShortcut(id: string): boolean {
  return id.startsWith(PM_PREFIX) && byShortcut.has(id.slice(PM_PREFIX.length));
}

/** All `pm_card_*` ids with their card numbers (README, tests). */
export function paymentMethodShortcuts(): { id: string; number: string; description: string }[] {
  return TEST_CARDS.flatMap((c) =>
    c.shortcuts.map((s) => ({ id: PM_PREFIX + s, number: c.number, description: c.description })),
  );
}

// Within one request, the same pm_card_* id names the same fresh clone (as
// Stripe does for `payment_method` + `invoice_settings[default_payment_method]`).
const clonesByRequest = new WeakMap<object, Map<string, string>>();

/**
 * Resolves a `payment_method` reference: an existing `pm_…` id, or a
 * `pm_card_*` shortcut, which creates a fresh card PaymentMethod clone (not
 * attached to anyone), as Stripe does. Pass the request (`ctx.request`) as
 * `scope` so repeated uses of one shortcut in a request share the clone.
 * Unknown ids → 404 `resource_missing` on `param`.
 */
export function resolvePaymentMethodRef(
  app: App,
  ref: string,
  opts: { scope?: RequestInfo; param?: string } = {},
): Stripe.PaymentMethod {
  const param = opts.param ?? "payment_method";
  if (!isPaymentMethodShortcut(ref)) return getPaymentMethod(app, ref, param);
  const scoped = opts.scope && opts.scope.id !== null ? opts.scope : undefined;
  const memo = scoped ? clonesByRequest.get(scoped) : undefined;
  const earlier = memo?.get(ref);
  const existing = earlier ? app.store.paymentMethods.get(earlier) : undefined;
  if (existing) return existing;
  const card = byShortcut.get(ref.slice(PM_PREFIX.length))!;
  const { month, year } = shortcutExpiry();
  const pm = createPaymentMethod(
    app,
    { type: "card", card: { number: card.number, exp_month: month, exp_year: year } },
    "type",
  );
  if (scoped) {
    const map = memo ?? new Map<string, string>();
    map.set(ref, pm.id);
    clonesByRequest.set(scoped, map);
  }
  return pm;
}

// ---------------------------------------------------------------- outcomes

export type CardDecline = { ok: false; code: string; decline_code?: string; message: string };
export type CardOutcome = { ok: true } | CardDecline | { requiresAction: true };

export function needsAction(o: CardOutcome): o is { requiresAction: true } {
  return "requiresAction" in o;
}

const MESSAGES: Record<string, string> = {
  insufficient_funds: "Your card has insufficient funds.",
  expired_card: "Your card has expired.",
  incorrect_cvc: "Your card's security code is incorrect.",
  processing_error: "An error occurred while processing your card. Try again in a little bit.",
  authentication_required: "Your card was declined. This transaction requires authentication.",
};

function declined(code: string, declineCode: string, setup: boolean): CardDecline {
  // SetupIntents report a plain card_declined as "Your card was declined."
  const message =
    code === "card_declined" && setup
      ? "Your card was declined."
      : (MESSAGES[declineCode] ?? "Your card was declined.");
  return { ok: false, code, decline_code: declineCode, message };
}

/** Off-session payment that needs the customer: Stripe declines it. */
export const AUTHENTICATION_REQUIRED: CardDecline = {
  ok: false,
  code: "authentication_required",
  decline_code: "authentication_required",
  message: MESSAGES.authentication_required,
};

/**
 * What charging this card does. The ONE place charge outcomes are decided.
 * - `offSession`: merchant-initiated (no customer to authenticate).
 * - `setUpForOffSession`: the card went through a SetupIntent with
 *   `usage=off_session` or a payment with `setup_future_usage=off_session`
 *   (see `isSetUpForOffSession`).
 * - `authenticated`: the customer just completed 3D Secure for this payment.
 */
export function cardChargeOutcome(
  pm: Stripe.PaymentMethod,
  ctx: { offSession: boolean; setUpForOffSession: boolean; authenticated?: boolean },
): CardOutcome {
  const b = behaviorOf(pm);
  switch (b.kind) {
    case "success":
      return { ok: true };
    case "decline":
    case "charge_fails":
      return declined(b.code, b.declineCode, false);
    case "authenticate": {
      let passes: boolean;
      if (ctx.offSession) {
        passes = b.offSession === "always" || (b.offSession === "if_set_up" && ctx.setUpForOffSession);
        if (!passes) return AUTHENTICATION_REQUIRED;
      } else if (!ctx.authenticated) {
        return { requiresAction: true };
      }
      return b.thenDecline ? declined("card_declined", b.thenDecline, false) : { ok: true };
    }
  }
}

/** What setting the card up (SetupIntent, attach) does. */
export function cardSetupOutcome(pm: Stripe.PaymentMethod, ctx: { authenticated?: boolean } = {}): CardOutcome {
  const b = behaviorOf(pm);
  switch (b.kind) {
    case "success":
    case "charge_fails":
      return { ok: true };
    case "decline":
      return declined(b.code, b.declineCode, true);
    case "authenticate":
      return b.setup && !ctx.authenticated ? { requiresAction: true } : { ok: true };
  }
}

/** `cardChargeOutcome` with the off-session setup looked up in the emulator's state. */
export function chargeOutcomeFor(
  app: App,
  pm: Stripe.PaymentMethod,
  ctx: { offSession: boolean; authenticated?: boolean },
): CardOutcome {
  return cardChargeOutcome(pm, { ...ctx, setUpForOffSession: isSetUpForOffSession(app, pm.id) });
}

export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`;
}

// ------------------------------------------------------------------- state

/** What the 3D Secure page needs to finish an intent's challenge. */
export interface PendingThreeDs {
  token: string;
  paymentMethod: string;
  /** Set when the challenge is a redirect (server-side confirm with return_url). */
  returnUrl: string | null;
}

export interface CardState {
  /** PaymentMethod ids set up for off-session use. */
  offSession: Record<string, true>;
  /** intent id → its pending 3D Secure challenge. */
  threeDs: Record<string, PendingThreeDs>;
}

declare module "./store.js" {
  interface InternalState {
    /** Card state (cards.ts); created on first use, so older state files load. */
    cards?: CardState;
  }
}

function state(app: App): CardState {
  const internal = app.store.internal;
  internal.cards ??= { offSession: {}, threeDs: {} };
  internal.cards.offSession ??= {};
  internal.cards.threeDs ??= {};
  return internal.cards;
}

export function isSetUpForOffSession(app: App, pmId: string): boolean {
  return state(app).offSession[pmId] === true;
}

export function markSetUpForOffSession(app: App, pmId: string): void {
  state(app).offSession[pmId] = true;
}

export type ThreeDsKind = "setup_intents" | "payment_intents";

export type CardNextAction =
  | { type: "use_stripe_sdk"; use_stripe_sdk: Record<string, unknown> }
  | { type: "redirect_to_url"; redirect_to_url: { url: string; return_url: string } };

/**
 * Records a 3D Secure challenge for the intent and returns its next_action:
 * `use_stripe_sdk` (Stripe.js shows the challenge), or `redirect_to_url` when
 * confirmed server-side with a return_url and without use_stripe_sdk.
 */
export function startThreeDs(
  app: App,
  intentId: string,
  paymentMethod: string,
  opts: { returnUrl: string | null; useStripeSdk: boolean },
): CardNextAction {
  const token = randomAlnum(32);
  const redirect = opts.returnUrl !== null && !opts.useStripeSdk;
  state(app).threeDs[intentId] = { token, paymentMethod, returnUrl: redirect ? opts.returnUrl : null };
  const url = `${app.config.publicUrl}/3ds/${intentId}?token=${token}`;
  if (redirect) return { type: "redirect_to_url", redirect_to_url: { url, return_url: opts.returnUrl! } };
  return {
    type: "use_stripe_sdk",
    use_stripe_sdk: { type: "three_d_secure_redirect", stripe_js: url, source: `src_${randomAlnum(24)}` },
  };
}

export function pendingThreeDs(app: App, intentId: string): PendingThreeDs | undefined {
  return state(app).threeDs[intentId];
}

export function clearThreeDs(app: App, intentId: string): void {
  delete state(app).threeDs[intentId];
}

/** A SetupAttempt's `payment_method_details.card` for this PaymentMethod. */
export function attemptCardDetails(pm: Stripe.PaymentMethod): Stripe.SetupAttempt.PaymentMethodDetails.Card {
  const c = pm.card!;
  return {
    brand: c.brand,
    checks: c.checks,
    country: c.country,
    exp_month: c.exp_month,
    exp_year: c.exp_year,
    fingerprint: c.fingerprint,
    funding: c.funding,
    last4: c.last4,
    network: c.brand,
    three_d_secure: null,
    wallet: null,
  };
}

/** The `three_d_secure` result recorded on a SetupAttempt after the challenge. */
export function threeDsResult(authenticated: boolean): Stripe.SetupAttempt.PaymentMethodDetails.Card.ThreeDSecure {
  return {
    authentication_flow: "challenge",
    electronic_commerce_indicator: authenticated ? "05" : null,
    result: authenticated ? "authenticated" : "failed",
    result_reason: authenticated ? null : "rejected",
    transaction_id: randomAlnum(8) + "-" + randomAlnum(4) + "-" + randomAlnum(4) + "-" + randomAlnum(12),
    version: "2.2.0",
  };
}
