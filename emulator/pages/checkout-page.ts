/**
 * The hosted Checkout page a setup-mode session's `url` points to.
 *
 * GET  /c/pay/<id>         the merchant, the session's payment method types as
 *                          choices, "Save payment method", "Back" (cancel_url)
 * POST /c/pay/<id>         creates (once) and confirms the session's SetupIntent
 *                          with the chosen type and this browser's acceptance,
 *                          then sends the browser to the wallet's page
 * GET  /c/pay/<id>/return  the wallet's return_url: a complete session goes on
 *                          to success_url; a failed authorization shows the page
 *                          again with the error, to choose and try again
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type Stripe from "stripe";
import type { App } from "../app.js";
import type { Ctx } from "../http/router.js";
import { NO_REQUEST, recordEvent } from "../events.js";
import { parseForm } from "../http/form.js";
import { StripeError } from "../http/errors.js";
import { clientIp, header, readBody, redirect, sendHtml } from "../http/respond.js";
import { walletInfo } from "../wallets.js";
import { idOf } from "../resources/common.js";
import { expireDueCheckoutSessions, successUrlOf } from "../resources/checkout-sessions.js";
import { buildSetupIntent, confirmSetupIntent } from "../resources/setup-intents.js";
import { escapeHtml, page } from "./html.js";

type Session = Stripe.Checkout.Session;

function pagePath(session: Session): string {
  return `/c/pay/${encodeURIComponent(session.id)}`;
}

function backLink(session: Session): string {
  return session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Back</a></p>` : "";
}

function renderOpen(app: App, session: Session, error: string | null): string {
  const customerId = idOf(session.customer);
  const email = (customerId ? app.store.customers.get(customerId)?.email : null) ?? session.customer_email;
  const choices = session.payment_method_types
    .map((type, i) => {
      const name = walletInfo(type)?.displayName ?? type;
      return `<label><input type="radio" name="payment_method_type" value="${escapeHtml(type)}"${i === 0 ? " checked" : ""}> ${escapeHtml(name)}</label>`;
    })
    .join("<br>");
  return page(
    `${app.config.accountName}: save a payment method`,
    `<h1>${escapeHtml(app.config.accountName)}</h1>
<p>Save a payment method for future payments to ${escapeHtml(app.config.accountName)}.</p>
${email ? `<p>Customer: ${escapeHtml(email)}</p>` : ""}
${error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : ""}
<form method="post" action="${escapeHtml(pagePath(session))}">
<fieldset><legend>Payment method</legend>${choices}</fieldset>
<button type="submit" class="primary">Save payment method</button>
</form>
${backLink(session)}`,
  );
}

function renderClosed(session: Session): string {
  if (session.status === "expired") {
    return page(
      "Checkout session expired",
      `<h1>This Checkout Session has expired</h1>
<p>Nothing was saved. Start again from the merchant's site.</p>
${backLink(session)}`,
    );
  }
  return page(
    "Already completed",
    `<h1>Payment method saved</h1>
<p>This Checkout Session is already complete.</p>
<p><a href="${escapeHtml(successUrlOf(session))}">Return to the merchant</a></p>`,
  );
}

/** Why the last attempt failed, as the hosted page words it. */
function lastError(app: App, session: Session): string | null {
  const si = session.setup_intent ? app.store.setupIntents.get(idOf(session.setup_intent)!) : undefined;
  return si?.last_setup_error ? "The payment method could not be set up. Choose a payment method and try again." : null;
}

/** The session's SetupIntent: created on the first submit, reused after a failed attempt. */
function sessionSetupIntent(app: App, session: Session): Stripe.SetupIntent {
  const existing = session.setup_intent ? app.store.setupIntents.get(idOf(session.setup_intent)!) : undefined;
  if (existing) return existing;
  const data = app.store.internal.checkoutSetupIntentData[session.id];
  const si = buildSetupIntent({
    customer: idOf(session.customer),
    types: session.payment_method_types,
    allowed: session.payment_method_types,
    description: data?.description ?? null,
    metadata: data?.metadata ?? {},
    usage: "off_session",
  });
  app.store.setupIntents.insert(si);
  app.store.internal.checkoutSessionOfSetupIntent[si.id] = session.id;
  session.setup_intent = si.id;
  recordEvent(app, NO_REQUEST, "setup_intent.created", si);
  return si;
}

function submit(app: App, req: IncomingMessage, session: Session, type: string): string {
  const si = sessionSetupIntent(app, session);
  const ip = clientIp(req);
  const userAgent = header(req, "user-agent") ?? "";
  const ctx: Ctx<unknown> = {
    app,
    params: {},
    path: {},
    auth: { kind: "secret", key: "" },
    request: NO_REQUEST,
    ip,
    userAgent,
    url: pagePath(session),
  };
  confirmSetupIntent(ctx, si, {
    payment_method_data: { type },
    mandate_data: { customer_acceptance: { type: "online", online: { ip_address: ip, user_agent: userAgent } } },
    return_url: `${app.config.publicUrl}${pagePath(session)}/return`,
  });
  return si.next_action?.redirect_to_url?.url ?? `${pagePath(session)}/return`;
}

/** Handles /c/pay/<id> (GET, POST) and /c/pay/<id>/return (GET). */
export async function handleCheckoutPage(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  step: "page" | "return",
): Promise<void> {
  expireDueCheckoutSessions(app);
  const session = app.store.checkoutSessions.get(id);
  if (!session) {
    return sendHtml(res, 404, page("Not found", `<h1>Not found</h1><p>No such Checkout Session.</p>`));
  }
  if (session.status !== "open") {
    if (step === "return" && session.status === "complete") return redirect(res, successUrlOf(session));
    return sendHtml(res, session.status === "expired" ? 410 : 200, renderClosed(session));
  }
  if (step === "return" || req.method !== "POST") {
    return sendHtml(res, 200, renderOpen(app, session, lastError(app, session)));
  }
  const form = parseForm(await readBody(req));
  const type = typeof form.payment_method_type === "string" ? form.payment_method_type : "";
  if (!session.payment_method_types.includes(type)) {
    return sendHtml(res, 400, renderOpen(app, session, "Choose a payment method."));
  }
  try {
    const location = submit(app, req, session, type);
    app.changed();
    redirect(res, location);
  } catch (error) {
    if (!(error instanceof StripeError)) throw error;
    app.log(`checkout ${session.id}: ${error.message}`);
    sendHtml(res, 400, renderOpen(app, session, "The payment method could not be set up. Please try again."));
  }
}
