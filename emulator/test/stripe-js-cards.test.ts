/**
 * The Stripe.js stand-in's card support, run in a node:vm sandbox with a tiny
 * fake DOM: the card element's inputs, its events, createPaymentMethod,
 * confirmCardSetup / confirmCardPayment and the 3D Secure dialog. A real
 * browser (Playwright, through @stripe/react-stripe-js) is covered by the app's e2e tests.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import type Stripe from "stripe";
import { harnessForFile } from "./helpers.js";

const h = harnessForFile();

const PK = "pk_test_emulator";
const YY = String((new Date().getUTCFullYear() + 2) % 100);

// ---------------------------------------------------------------- fake DOM

type Listener = (e: { type: string; target: FakeNode }) => void;

class FakeNode {
  attributes: Record<string, string> = {};
  children: FakeNode[] = [];
  parentNode: FakeNode | null = null;
  style = { cssText: "" };
  textContent = "";
  value = "";
  disabled = false;
  className = "";
  private listeners: Record<string, Listener[]> = {};
  constructor(
    readonly tagName: string,
    private readonly doc: FakeDocument,
  ) {}
  setAttribute(k: string, v: string): void {
    this.attributes[k] = String(v);
  }
  getAttribute(k: string): string | null {
    return this.attributes[k] ?? null;
  }
  appendChild(child: FakeNode): FakeNode {
    child.parentNode?.removeChild(child);
    child.parentNode = this;
    this.children.push(child);
    return child;
  }
  removeChild(child: FakeNode): FakeNode {
    this.children = this.children.filter((c) => c !== child);
    child.parentNode = null;
    return child;
  }
  addEventListener(type: string, fn: Listener): void {
    (this.listeners[type] ??= []).push(fn);
  }
  dispatch(type: string): void {
    for (const fn of this.listeners[type] ?? []) fn({ type, target: this });
  }
  focus(): void {
    const prev = this.doc.activeElement;
    if (prev === this) return;
    this.doc.activeElement = this;
    if (prev && prev !== this.doc.body) prev.dispatch("blur");
    this.dispatch("focus");
  }
  blur(): void {
    if (this.doc.activeElement !== this) return;
    this.doc.activeElement = this.doc.body;
    this.dispatch("blur");
  }
  click(): void {
    this.dispatch("click");
  }
  /** Depth-first search of this subtree. */
  find(pred: (n: FakeNode) => boolean): FakeNode | undefined {
    for (const c of this.children) {
      if (pred(c)) return c;
      const deeper = c.find(pred);
      if (deeper) return deeper;
    }
    return undefined;
  }
  text(): string {
    return this.textContent + this.children.map((c) => c.text()).join("");
  }
}

class FakeDocument {
  body: FakeNode;
  activeElement: FakeNode;
  constructor() {
    this.body = new FakeNode("body", this);
    this.activeElement = this.body;
  }
  createElement(tag: string): FakeNode {
    return new FakeNode(tag, this);
  }
  querySelector(sel: string): FakeNode | null {
    return sel.startsWith("#") ? (this.body.find((n) => n.attributes.id === sel.slice(1)) ?? null) : null;
  }
}

// ------------------------------------------------------------ the sandbox

interface ElementEvent {
  elementType: string;
  empty?: boolean;
  complete?: boolean;
  brand?: string;
  error?: { type: string; code: string; message: string };
}
interface CardElement {
  mount(node: unknown): void;
  on(event: string, handler: (e: ElementEvent) => void): CardElement;
  off(event: string, handler?: (e: ElementEvent) => void): CardElement;
  update(opts: object): void;
  destroy(): void;
  clear(): void;
}
interface Elements {
  create(type: string, options?: object): CardElement;
  getElement(type: unknown): CardElement | null;
  update(opts: object): void;
}
interface StripeError {
  type: string;
  code?: string;
  decline_code?: string;
  message: string;
  setup_intent?: Stripe.SetupIntent;
  payment_intent?: Stripe.PaymentIntent;
}
interface StripeJs {
  elements(options?: object): Elements;
  createPaymentMethod(...args: unknown[]): Promise<{ paymentMethod?: Stripe.PaymentMethod; error?: StripeError }>;
  confirmCardSetup(
    secret: string,
    data?: object,
    options?: object,
  ): Promise<{ setupIntent?: Stripe.SetupIntent; error?: StripeError }>;
  confirmCardPayment(
    secret: string,
    data?: object,
    options?: object,
  ): Promise<{ paymentIntent?: Stripe.PaymentIntent; error?: StripeError }>;
  handleNextAction(opts: {
    clientSecret: string;
  }): Promise<{ paymentIntent?: Stripe.PaymentIntent; setupIntent?: Stripe.SetupIntent; error?: StripeError }>;
  handleCardAction(secret: string): Promise<{ paymentIntent?: Stripe.PaymentIntent; error?: StripeError }>;
  _registerWrapper(info: object): void;
  registerAppInfo(info: object): void;
}

interface Browser {
  stripe: StripeJs;
  document: FakeDocument;
  requests: string[];
}

async function browser(): Promise<Browser> {
  const source = await (await fetch(`${h.base}/js/stripe.js`)).text();
  const document = new FakeDocument();
  const requests: string[] = [];
  const recordingFetch = (url: string, init: RequestInit = {}) => {
    requests.push(`${init.method ?? "GET"} ${new URL(url).pathname}`);
    return fetch(url, init);
  };
  const window: Record<string, unknown> = { document, location: { assign: () => {} } };
  vm.runInNewContext(source, { window, fetch: recordingFetch, setTimeout });
  const Stripe = window.Stripe as (pk: string) => StripeJs;
  return { stripe: Stripe(PK), document, requests };
}

function tick(ms = 0): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitFor<T>(check: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = check();
    if (v) return v;
    await tick(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Mounts a card element and returns it with its three inputs. */
async function mountCard(b: Browser) {
  const host = b.document.createElement("div");
  b.document.body.appendChild(host);
  const elements = b.stripe.elements();
  const card = elements.create("card", { hidePostalCode: true });
  card.mount(host);
  const input = (label: string) => {
    const node = host.find((n) => n.attributes["aria-label"] === label);
    assert.ok(node, `input labelled ${label}`);
    return node;
  };
  return { host, elements, card, number: input("Card number"), expiry: input("Expiration date"), cvc: input("CVC") };
}

function type(node: FakeNode, text: string): void {
  node.focus();
  node.value = text;
  node.dispatch("input");
}

async function fillCard(b: Browser, number: string) {
  const m = await mountCard(b);
  type(m.number, number);
  type(m.expiry, `12/${YY}`);
  type(m.cvc, "123");
  m.cvc.blur();
  await tick(5);
  return m;
}

function dialog(b: Browser): FakeNode | undefined {
  return b.document.body.find((n) => n.attributes.role === "dialog");
}

/** Waits for the 3D Secure dialog and clicks one of its buttons. */
async function answerChallenge(b: Browser, label: "Complete authentication" | "Fail authentication"): Promise<void> {
  const d = await waitFor(() => dialog(b), "the 3D Secure dialog");
  assert.equal(d.attributes["aria-label"], "3D Secure authentication");
  assert.equal(d.attributes["aria-modal"], "true");
  assert.match(d.parentNode!.style.cssText, /position:fixed/);
  const buttons: FakeNode[] = [];
  d.find((n) => (n.tagName === "button" ? (buttons.push(n), false) : false));
  assert.deepEqual(
    buttons.map((x) => x.textContent),
    ["Complete authentication", "Fail authentication"],
  );
  buttons.find((x) => x.textContent === label)!.click();
  assert.equal(dialog(b), undefined, "the dialog closes after the click");
}

// ------------------------------------------------------------------- tests

describe("card element", () => {
  test("renders labelled inputs, and emits ready / focus / change / blur as react-stripe-js expects", async () => {
    const b = await browser();
    // @stripe/react-stripe-js checks these before using the object.
    for (const m of [
      "elements",
      "createToken",
      "createPaymentMethod",
      "confirmCardPayment",
      "confirmCardSetup",
      "_registerWrapper",
      "registerAppInfo",
    ]) {
      assert.equal(typeof (b.stripe as unknown as Record<string, unknown>)[m], "function", m);
    }
    b.stripe._registerWrapper({ name: "react-stripe-js", version: "7.0.1" });
    const { host, elements, card, number, expiry, cvc } = await mountCard(b);
    assert.match(host.className, /StripeElement/);
    assert.match(host.className, /StripeElement--empty/);
    assert.equal(number.attributes.autocomplete, "cc-number");
    assert.equal(expiry.attributes.placeholder, "MM / YY");
    assert.equal(cvc.attributes.autocomplete, "cc-csc");

    const events: string[] = [];
    const changes: ElementEvent[] = [];
    // React attaches its handlers after mount(): "ready" still arrives once.
    await tick(5);
    card.on("ready", (e) => events.push(`ready:${e.elementType}`));
    card.on("focus", () => events.push("focus"));
    card.on("blur", () => events.push("blur"));
    card.on("change", (e) => changes.push(e));
    await tick(5);
    assert.deepEqual(events, ["ready:card"]);

    type(number, "4242424242424242");
    assert.equal(number.value, "4242 4242 4242 4242");
    let last = changes.at(-1)!;
    assert.equal(last.elementType, "card");
    assert.equal(last.brand, "visa");
    assert.equal(last.empty, false);
    assert.equal(last.complete, false);
    assert.equal(last.error, undefined);
    type(expiry, "4");
    assert.equal(expiry.value, "04");
    type(expiry, `12${YY}`);
    assert.equal(expiry.value, `12 / ${YY}`);
    type(cvc, "12a3");
    assert.equal(cvc.value, "123");
    last = changes.at(-1)!;
    assert.equal(last.complete, true);
    assert.match(host.className, /StripeElement--complete/);
    cvc.blur();
    await tick(5);
    assert.deepEqual(events, ["ready:card", "focus", "blur"]);

    type(number, "4242424242424241");
    assert.equal(changes.at(-1)!.error?.code, "invalid_number");
    assert.equal(changes.at(-1)!.error?.message, "Your card number is invalid.");
    assert.match(host.className, /StripeElement--invalid/);
    type(number, "3782 822463 10005");
    assert.equal(changes.at(-1)!.brand, "amex");
    assert.equal(number.value, "3782 822463 10005");
    type(expiry, "12/20");
    assert.equal(changes.at(-1)!.error?.code, "invalid_expiry_year_past");

    // getElement by type or by the React component (which carries __elementType).
    assert.equal(elements.getElement("card"), card);
    assert.equal(elements.getElement({ __elementType: "card" }), card);
    card.update({ disabled: true });
    assert.equal(number.disabled, true);
    card.destroy();
    assert.equal(host.children.length, 0);
    assert.equal(elements.getElement("card"), null);
  });

  test("an incomplete element fails createPaymentMethod locally with a validation_error", async () => {
    const b = await browser();
    const { card, number } = await mountCard(b);
    const empty = await b.stripe.createPaymentMethod({ type: "card", card });
    assert.equal(empty.error?.type, "validation_error");
    assert.equal(empty.error?.code, "incomplete_number");
    assert.equal(empty.error?.message, "Your card number is incomplete.");
    type(number, "4242424242424242");
    const noExpiry = await b.stripe.createPaymentMethod({ type: "card", card });
    assert.equal(noExpiry.error?.code, "incomplete_expiry");
    assert.deepEqual(
      b.requests.filter((r) => r.startsWith("POST")),
      [],
    );
  });
});

describe("createPaymentMethod", () => {
  test("creates a card PaymentMethod with the publishable key (both signatures)", async () => {
    const b = await browser();
    const { card } = await fillCard(b, "4242 4242 4242 4242");
    const r = await b.stripe.createPaymentMethod({
      type: "card",
      card,
      billing_details: { name: "Grace Hopper", email: "grace@example.com" },
    });
    assert.equal(r.error, undefined);
    const pm = r.paymentMethod!;
    assert.match(pm.id, /^pm_/);
    assert.equal(pm.card?.last4, "4242");
    assert.equal(pm.card?.exp_month, 12);
    assert.equal(pm.card?.exp_year, 2000 + Number(YY));
    assert.equal(pm.billing_details.name, "Grace Hopper");
    const legacy = await b.stripe.createPaymentMethod("card", card, { billing_details: { name: "Legacy" } });
    assert.equal(legacy.paymentMethod?.billing_details.name, "Legacy");
    assert.deepEqual(
      b.requests.filter((x) => x.startsWith("POST")),
      ["POST /v1/payment_methods", "POST /v1/payment_methods"],
    );
    // The server can use it.
    const cus = await h.stripe.customers.create({ email: "grace@example.com" });
    assert.equal((await h.stripe.paymentMethods.attach(pm.id, { customer: cus.id })).customer, cus.id);
  });
});

describe("confirmCardSetup", () => {
  async function setupIntent(extra: Partial<Stripe.SetupIntentCreateParams> = {}) {
    const cus = await h.stripe.customers.create({ email: "setup@example.com" });
    const si = await h.stripe.setupIntents.create({ customer: cus.id, usage: "off_session", ...extra });
    return { cus, si };
  }

  test("4242 → { setupIntent } succeeded, card saved to the customer", async () => {
    const b = await browser();
    const { cus, si } = await setupIntent();
    const { card } = await fillCard(b, "4242424242424242");
    const r = await b.stripe.confirmCardSetup(si.client_secret!, {
      payment_method: { card, billing_details: { name: "Ada" } },
    });
    assert.equal(r.error, undefined);
    assert.equal(r.setupIntent?.status, "succeeded");
    const pms = await h.stripe.customers.listPaymentMethods(cus.id);
    assert.equal(pms.data[0].id, r.setupIntent?.payment_method);
    assert.equal(pms.data[0].billing_details.name, "Ada");
  });

  test("3155 → the 3D Secure dialog; Complete authentication → { setupIntent } succeeded", async () => {
    const b = await browser();
    const { cus, si } = await setupIntent();
    const { card } = await fillCard(b, "4000002500003155");
    const pending = b.stripe.confirmCardSetup(si.client_secret!, { payment_method: { card } });
    await answerChallenge(b, "Complete authentication");
    const r = await pending;
    assert.equal(r.error, undefined);
    assert.equal(r.setupIntent?.status, "succeeded");
    // Set up for off-session use: the server can charge it later without the customer.
    const pi = await h.stripe.paymentIntents.create({
      amount: 990,
      currency: "usd",
      customer: cus.id,
      payment_method: r.setupIntent!.payment_method as string,
      off_session: true,
      confirm: true,
    });
    assert.equal(pi.status, "succeeded");
  });

  test("Fail authentication → { error } with setup_intent_authentication_failure and the SetupIntent", async () => {
    const b = await browser();
    const { si } = await setupIntent();
    const { card } = await fillCard(b, "4000000000003220");
    const pending = b.stripe.confirmCardSetup(si.client_secret!, { payment_method: { card } });
    await answerChallenge(b, "Fail authentication");
    const r = await pending;
    assert.equal(r.setupIntent, undefined);
    assert.equal(r.error?.type, "invalid_request_error");
    assert.equal(r.error?.code, "setup_intent_authentication_failure");
    assert.equal(r.error?.setup_intent?.id, si.id);
    assert.equal(r.error?.setup_intent?.status, "requires_payment_method");
  });

  test("9995 → { error } card_declined / insufficient_funds with the SetupIntent", async () => {
    const b = await browser();
    const { si } = await setupIntent();
    const { card } = await fillCard(b, "4000000000009995");
    const r = await b.stripe.confirmCardSetup(si.client_secret!, { payment_method: { card } });
    assert.equal(r.error?.type, "card_error");
    assert.equal(r.error?.code, "card_declined");
    assert.equal(r.error?.decline_code, "insufficient_funds");
    assert.equal(r.error?.message, "Your card was declined.");
    assert.equal(r.error?.setup_intent?.id, si.id);
    assert.equal(dialog(b), undefined);
  });

  test("without data it confirms the intent's own payment method (a subscription's pending_setup_intent)", async () => {
    const b = await browser();
    const { si } = await setupIntent({ payment_method: "pm_card_authenticationRequiredOnSetup" });
    assert.equal(si.status, "requires_confirmation");
    const pending = b.stripe.confirmCardSetup(si.client_secret!);
    await answerChallenge(b, "Complete authentication");
    const r = await pending;
    assert.equal(r.setupIntent?.status, "succeeded");
    assert.equal(r.setupIntent?.payment_method, si.payment_method);

    // Also when the server already confirmed it and left it in requires_action.
    const { si: waiting } = await setupIntent({ payment_method: "pm_card_authenticationRequired", confirm: true });
    assert.equal(waiting.status, "requires_action");
    const again = b.stripe.confirmCardSetup(waiting.client_secret!);
    await answerChallenge(b, "Complete authentication");
    assert.equal((await again).setupIntent?.status, "succeeded");
  });

  test("a bad client secret resolves an error without a request", async () => {
    const b = await browser();
    const r = await b.stripe.confirmCardSetup("pi_123_secret_abc");
    assert.equal(r.error?.type, "invalid_request_error");
    assert.deepEqual(b.requests, []);
  });
});

describe("confirmCardPayment and next actions", () => {
  async function paymentIntent(extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
    return h.stripe.paymentIntents.create({ amount: 1250, currency: "usd", ...extra });
  }

  test("pm_card_visa → { paymentIntent } succeeded", async () => {
    const b = await browser();
    const pi = await paymentIntent();
    const r = await b.stripe.confirmCardPayment(pi.client_secret!, { payment_method: "pm_card_visa" });
    assert.equal(r.paymentIntent?.status, "succeeded");
    assert.equal(r.paymentIntent?.amount_received, 1250);
  });

  test("a card element with 3220 → dialog → succeeded; setup_future_usage saves the card", async () => {
    const b = await browser();
    const cus = await h.stripe.customers.create({ email: "pay@example.com" });
    const pi = await paymentIntent({ customer: cus.id });
    const { card } = await fillCard(b, "4000000000003220");
    const pending = b.stripe.confirmCardPayment(pi.client_secret!, {
      payment_method: { card },
      setup_future_usage: "off_session",
    });
    const d = await waitFor(() => dialog(b), "dialog");
    assert.match(d.text(), /\$12\.50/);
    await answerChallenge(b, "Complete authentication");
    const r = await pending;
    assert.equal(r.paymentIntent?.status, "succeeded");
    assert.equal((await h.stripe.customers.listPaymentMethods(cus.id)).data.length, 1);
  });

  test("a decline → { error } card_error with the PaymentIntent", async () => {
    const b = await browser();
    const pi = await paymentIntent();
    const { card } = await fillCard(b, "4000000000009995");
    const r = await b.stripe.confirmCardPayment(pi.client_secret!, { payment_method: { card } });
    assert.equal(r.error?.type, "card_error");
    assert.equal(r.error?.decline_code, "insufficient_funds");
    assert.equal(r.error?.payment_intent?.id, pi.id);
    assert.equal(r.error?.payment_intent?.status, "requires_payment_method");
  });

  test("Fail authentication → payment_intent_authentication_failure", async () => {
    const b = await browser();
    const pi = await paymentIntent();
    const pending = b.stripe.confirmCardPayment(pi.client_secret!, {
      payment_method: "pm_card_authenticationRequired",
    });
    await answerChallenge(b, "Fail authentication");
    const r = await pending;
    assert.equal(r.error?.code, "payment_intent_authentication_failure");
    assert.equal(r.error?.payment_intent?.status, "requires_payment_method");
  });

  test("handleActions: false leaves the challenge to the caller; handleCardAction / handleNextAction show it", async () => {
    const b = await browser();
    const pi = await paymentIntent();
    const r = await b.stripe.confirmCardPayment(
      pi.client_secret!,
      { payment_method: "pm_card_threeDSecure2Required" },
      { handleActions: false },
    );
    assert.equal(r.paymentIntent?.status, "requires_action");
    assert.equal(dialog(b), undefined);
    const handled = b.stripe.handleCardAction(pi.client_secret!);
    await answerChallenge(b, "Complete authentication");
    assert.equal((await handled).paymentIntent?.status, "succeeded");

    // A PaymentIntent confirmed server-side (the app's own API) and finished in the browser.
    const serverSide = await paymentIntent({ payment_method: "pm_card_authenticationRequired", confirm: true });
    assert.equal(serverSide.next_action?.type, "use_stripe_sdk");
    const next = b.stripe.handleNextAction({ clientSecret: serverSide.client_secret! });
    await answerChallenge(b, "Complete authentication");
    assert.equal((await next).paymentIntent?.status, "succeeded");
  });
});
