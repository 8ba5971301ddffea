/**
 * The wallet's authorization page that `next_action.redirect_to_url` points to.
 * Stands in for Amazon Pay / Kakao Pay: the tester authorizes or fails, and
 * the browser is sent back to return_url with Stripe's query parameters.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type Stripe from "stripe";
import type { App } from "../app.js";
import type { IntentKind } from "../redirects.js";
import { returnUrlWith } from "../redirects.js";
import { NO_REQUEST } from "../events.js";
import { parseForm } from "../http/form.js";
import { clientIp, header, readBody, redirect, sendHtml } from "../http/respond.js";
import { formatAmount } from "../currency.js";
import { walletInfo } from "../wallets.js";
import { idOf } from "../resources/common.js";
import { authorizeSetupIntent, failSetupIntent } from "../resources/setup-intents.js";
import { authorizePaymentIntent, failPaymentIntent } from "../resources/payment-intents.js";
import { escapeHtml, page } from "./html.js";

export interface Browser {
  ip: string;
  userAgent: string | null;
}

interface Adapter<T extends Stripe.SetupIntent | Stripe.PaymentIntent> {
  noun: "setup" | "payment";
  param: "setup_intent" | "payment_intent";
  get(app: App, id: string): T | undefined;
  details(app: App, intent: T): [string, string][];
  authorize(app: App, intent: T, browser: Browser): string;
  fail(app: App, intent: T): string;
}

const setupAdapter: Adapter<Stripe.SetupIntent> = {
  noun: "setup",
  param: "setup_intent",
  get: (app, id) => app.store.setupIntents.get(id),
  details: (_app, si) => [
    ["Purpose", "Set up for future payments"],
    ["Usage", si.usage === "off_session" ? "Off-session (merchant-initiated) payments" : "On-session payments"],
  ],
  authorize: (app, si) => authorizeSetupIntent(app, NO_REQUEST, si),
  fail: (app, si) => failSetupIntent(app, NO_REQUEST, si),
};

const paymentAdapter: Adapter<Stripe.PaymentIntent> = {
  noun: "payment",
  param: "payment_intent",
  get: (app, id) => app.store.paymentIntents.get(id),
  details: (_app, pi) => {
    const rows: [string, string][] = [["Amount", formatAmount(pi.amount, pi.currency)]];
    if (pi.description) rows.push(["Description", pi.description]);
    if (pi.setup_future_usage === "off_session") rows.push(["Also", "Save this method for future payments"]);
    return rows;
  },
  authorize: (app, pi, browser) => authorizePaymentIntent(app, NO_REQUEST, pi, browser),
  fail: (app, pi) => failPaymentIntent(app, NO_REQUEST, pi),
};

function adapterFor(kind: IntentKind): Adapter<Stripe.SetupIntent> | Adapter<Stripe.PaymentIntent> {
  return kind === "setup_intents" ? setupAdapter : paymentAdapter;
}

function notFound(res: ServerResponse, id: string): void {
  sendHtml(res, 404, page("Not found", `<h1>Not found</h1><p>No such intent: <code>${escapeHtml(id)}</code>.</p>`));
}

function render<T extends Stripe.SetupIntent | Stripe.PaymentIntent>(
  app: App,
  adapter: Adapter<T>,
  kind: IntentKind,
  intent: T,
  token: string,
): string {
  const pending = app.store.internal.redirects[intent.id];
  const pm = pending ? app.store.paymentMethods.get(pending.paymentMethod) : undefined;
  const wallet = walletInfo(pm?.type ?? "")?.displayName ?? "Wallet";
  const customerId = idOf(intent.customer as string | { id: string } | null);
  const email = customerId ? app.store.customers.get(customerId)?.email : null;
  const rows: [string, string][] = [["Wallet", wallet]];
  if (email) rows.push(["Customer", email]);
  rows.push(...adapter.details(app, intent));
  const action = `/redirect/${kind}/${encodeURIComponent(intent.id)}?token=${encodeURIComponent(token)}`;
  const button = (value: string, label: string, cls: string) =>
    `<form method="post" action="${escapeHtml(action)}">` +
    `<input type="hidden" name="action" value="${value}">` +
    `<input type="hidden" name="token" value="${escapeHtml(token)}">` +
    `<button type="submit" class="${cls}">${label}</button></form>`;
  const title = `${wallet} test ${adapter.noun}`;
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>This page stands in for ${escapeHtml(wallet)}. Choose how the customer responds.</p>
<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>
${button("authorize", `Authorize test ${adapter.noun}`, "primary")}
${button("fail", `Fail test ${adapter.noun}`, "")}`,
  );
}

function renderDone<T extends Stripe.SetupIntent | Stripe.PaymentIntent>(
  app: App,
  adapter: Adapter<T>,
  intent: T,
): string {
  const pending = app.store.internal.redirects[intent.id];
  const outcome = intent.status === "succeeded" ? "succeeded" : "failed";
  const back = pending
    ? returnUrlWith(pending.returnUrl, {
        [adapter.param]: intent.id,
        [`${adapter.param}_client_secret`]: intent.client_secret ?? "",
        redirect_status: outcome,
      })
    : null;
  return page(
    "Nothing to authorize",
    `<h1>Nothing to authorize</h1>
<p>This ${adapter.noun} is no longer waiting for the customer (status: <code>${escapeHtml(intent.status)}</code>).</p>
${back ? `<p><a href="${escapeHtml(back)}">Return to the merchant</a></p>` : ""}`,
  );
}

/** Handles GET (show) and POST (authorize | fail) on /redirect/<kind>/<id>. */
export async function handleRedirectPage(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  kind: IntentKind,
  id: string,
  query: URLSearchParams,
): Promise<void> {
  const adapter = adapterFor(kind) as Adapter<Stripe.SetupIntent | Stripe.PaymentIntent>;
  const intent = adapter.get(app, id);
  if (!intent) return notFound(res, id);
  const pending = app.store.internal.redirects[id];
  const waiting = intent.status === "requires_action" && pending !== undefined;
  const form = req.method === "POST" ? parseForm(await readBody(req)) : {};
  const token = (typeof form.token === "string" ? form.token : null) ?? query.get("token") ?? "";
  if (waiting && token !== pending.token) {
    return sendHtml(
      res,
      403,
      page(
        "Link expired",
        `<h1>Link expired</h1><p>This authorization link is invalid or was replaced by a newer confirmation.</p>`,
      ),
    );
  }
  if (req.method !== "POST") {
    return sendHtml(res, 200, waiting ? render(app, adapter, kind, intent, token) : renderDone(app, adapter, intent));
  }
  if (!waiting) return sendHtml(res, 409, renderDone(app, adapter, intent));
  const action = form.action;
  if (action !== "authorize" && action !== "fail") {
    return sendHtml(res, 400, page("Bad request", `<h1>Bad request</h1><p>action must be authorize or fail.</p>`));
  }
  const browser: Browser = { ip: clientIp(req), userAgent: header(req, "user-agent") };
  const location = action === "authorize" ? adapter.authorize(app, intent, browser) : adapter.fail(app, intent);
  app.changed();
  redirect(res, location);
}
