/**
 * Test helpers. Tests talk to the emulator only through the stock `stripe`
 * SDK and plain HTTP, like the app and a browser do.
 */
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startEmulator, type RunningEmulator } from "../server.js";

export interface Harness {
  emulator: RunningEmulator;
  stripe: Stripe;
  /** Base URL reachable from the test process. */
  base: string;
  sdk(options?: Partial<Stripe.StripeConfig>, key?: string): Stripe;
}

export async function startHarness(): Promise<Harness> {
  const emulator = await startEmulator({ port: 0, webhookRetryBaseMs: 50 });
  const sdk = (options: Partial<Stripe.StripeConfig> = {}, key = "sk_test_x") =>
    new Stripe(key, { host: "127.0.0.1", port: emulator.port, protocol: "http", ...options });
  return { emulator, stripe: sdk(), base: `http://127.0.0.1:${emulator.port}`, sdk };
}

/**
 * One emulator for the whole test file: started in `before`, closed in `after`.
 * The returned object is filled in once `before` has run, so tests use it as is.
 * `setup` runs in that same hook: top-level `before` hooks start at once rather
 * than one after another, so a separate hook could not rely on the emulator.
 */
export function harnessForFile(setup?: (h: Harness) => Promise<void>): Harness {
  const h = {} as Harness;
  before(async () => {
    Object.assign(h, await startHarness());
    await setup?.(h);
  });
  after(() => h.emulator.close());
  return h;
}

/** A monthly recurring price on a new product. */
export function createMonthlyPrice(
  stripe: Stripe,
  currency: string,
  unitAmount: number,
  productName: string,
  extra: Partial<Stripe.PriceCreateParams> = {},
): Promise<Stripe.Price> {
  return stripe.prices.create({
    currency,
    unit_amount: unitAmount,
    recurring: { interval: "month" },
    product_data: { name: productName },
    ...extra,
  });
}

/** The id of the newest event, to read what happens after it. */
export async function lastEventId(stripe: Stripe): Promise<string> {
  return (await stripe.events.list({ limit: 1 })).data[0].id;
}

/** Events recorded after `since`, oldest first. */
export async function eventsSince(stripe: Stripe, since: string): Promise<Stripe.Event[]> {
  return (await stripe.events.list({ limit: 100, ending_before: since })).data.reverse();
}

/** A customer whose default payment method is a card (a `pm_card_*` shortcut, attached on create). */
export async function cardCustomer(
  stripe: Stripe,
  shortcut: string,
  customerParams: Stripe.CustomerCreateParams = {},
): Promise<{ customer: Stripe.Customer; pm: string }> {
  const customer = await stripe.customers.create({
    ...customerParams,
    payment_method: shortcut,
    invoice_settings: { default_payment_method: shortcut },
  });
  const pm = customer.invoice_settings.default_payment_method as string;
  assert.match(pm, /^pm_[A-Za-z0-9]{24}$/);
  return { customer, pm };
}

/** Raw form-encoded call, for what the SDK cannot express (bad keys, pk keys, odd params). */
export async function api(
  base: string,
  method: string,
  path: string,
  opts: { key?: string | null; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: any; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  const key = opts.key === undefined ? "sk_test_x" : opts.key;
  if (key) headers.Authorization = `Bearer ${key}`;
  if (opts.body !== undefined) headers["Content-Type"] = "application/x-www-form-urlencoded";
  const res = await fetch(base + path, { method, headers, body: opts.body });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

/** Asserts a promise rejects with a Stripe SDK error and returns it. */
export async function stripeError(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

export interface RedirectPage {
  html: string;
  /** form action (absolute) → its hidden fields. */
  forms: { action: string; fields: Record<string, string>; button: string }[];
}

/** The wallet page a confirmed redirect intent sends the customer to. */
export function redirectUrl(intent: Stripe.PaymentIntent | Stripe.SetupIntent): string {
  const url = intent.next_action?.redirect_to_url?.url;
  assert.ok(url, "expected next_action.redirect_to_url.url");
  return url;
}

/** Fetches the wallet page and extracts its forms the way a browser would see them. */
export async function openRedirectPage(url: string): Promise<RedirectPage & { status: number }> {
  const res = await fetch(url);
  const html = await res.text();
  const forms = [...html.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)].map((m) => {
    const fields: Record<string, string> = {};
    for (const f of m[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
      fields[f[1]] = unescape(f[2]);
    const button = /<button[^>]*>([^<]+)<\/button>/.exec(m[2])?.[1] ?? "";
    return { action: new URL(unescape(m[1]), url).toString(), fields, button };
  });
  return { status: res.status, html, forms };
}

function unescape(s: string): string {
  return s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/** Submits the page's form whose button has this label; returns the redirect. */
export async function clickButton(
  url: string,
  label: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; location: string | null }> {
  const page = await openRedirectPage(url);
  const form = page.forms.find((f) => f.button === label);
  if (!form) throw new Error(`no button "${label}" on ${url}: ${page.html}`);
  const res = await fetch(form.action, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form.fields).toString(),
  });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get("location") };
}

export interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

/** A local webhook receiver; `respond` decides the status per request. */
export async function startReceiver(respond: (n: number, body: string) => number = () => 200): Promise<{
  url: string;
  received: Received[];
  close(): Promise<void>;
  waitFor(n: number, ms?: number): Promise<void>;
}> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: req.headers, body });
      res.statusCode = respond(received.length, body);
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    async waitFor(n, ms = 5000) {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} webhook deliveries, got ${received.length}`);
        await sleep(10);
      }
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `check` returns a value (not undefined/false). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error("condition not met in time");
    await sleep(20);
  }
}

/** The events of an invoice that is finalized and charged at once, in order. */
export const INVOICE_CHARGED_EVENTS = [
  "invoice.created",
  "invoice.finalized",
  "payment_intent.created",
  "payment_intent.succeeded",
  "invoice_payment.paid",
  "invoice.paid",
  "invoice.payment_succeeded",
] as const;

export const MANDATE = {
  customer_acceptance: {
    type: "online",
    online: { ip_address: "203.0.113.7", user_agent: "Mozilla/5.0 (TestBrowser)" },
  },
} as const;

/**
 * Confirmed wallet SetupIntent as in seeds 002/004 (secret key, explicit IP/UA).
 * The SDK's params for this API version call the list `allowed_payment_method_types`.
 */
export async function createWalletSetup(
  stripe: Stripe,
  wallet: "amazon_pay" | "kakao_pay",
  extra: Partial<Stripe.SetupIntentCreateParams> = {},
  customerParams: Stripe.CustomerCreateParams = {},
): Promise<{ customer: Stripe.Customer; setupIntent: Stripe.SetupIntent }> {
  const customer = await stripe.customers.create({ email: `${wallet}@example.com`, ...customerParams });
  const setupIntent = await stripe.setupIntents.create({
    customer: customer.id,
    confirm: true,
    usage: "off_session",
    allowed_payment_method_types: [wallet],
    payment_method_data: { type: wallet },
    mandate_data: MANDATE,
    return_url: "https://merchant.example/return?plan=basic",
    ...extra,
  });
  return { customer, setupIntent };
}

/** A customer with a saved wallet PaymentMethod and an active mandate (setup authorized). */
export async function savedWallet(
  stripe: Stripe,
  wallet: "amazon_pay" | "kakao_pay",
  customerParams: Stripe.CustomerCreateParams = {},
): Promise<{ customer: Stripe.Customer; paymentMethod: string; mandate: string }> {
  const { customer, setupIntent } = await createWalletSetup(stripe, wallet, {}, customerParams);
  const result = await clickButton(setupIntent.next_action!.redirect_to_url!.url!, "Authorize test setup");
  if (result.status !== 303) throw new Error(`authorize failed: ${result.status}`);
  const done = await stripe.setupIntents.retrieve(setupIntent.id);
  return { customer, paymentMethod: done.payment_method as string, mandate: done.mandate as string };
}
