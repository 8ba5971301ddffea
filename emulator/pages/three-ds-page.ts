/**
 * The 3D Secure challenge behind a card intent's `next_action`
 * (`use_stripe_sdk.stripe_js`, or `redirect_to_url` for server-side confirms
 * with a return_url):
 *
 * - `GET /3ds/:intentId?token=…` — a page with **Complete authentication** and
 *   **Fail authentication** (form POSTs to the same URL with `action`).
 *   After a redirect challenge the browser goes back to return_url with
 *   Stripe's query parameters; otherwise the page says it is done.
 * - `POST /3ds/:intentId/complete|fail` with `token` (form or JSON) — what the
 *   Stripe.js stand-in's dialog calls; answers JSON with CORS.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type Stripe from "stripe";
import type { App } from "../app.js";
import { NO_REQUEST } from "../events.js";
import { parseForm } from "../http/form.js";
import { header, readBody, redirect, sendHtml, sendJson, setCors } from "../http/respond.js";
import { formatAmount } from "../currency.js";
import { pendingThreeDs, type PendingThreeDs } from "../cards.js";
import { returnUrlWith } from "../redirects.js";
import { completeSetupAuthentication, failSetupAuthentication } from "../resources/setup-intents.js";
import { completePaymentAuthentication, failPaymentAuthentication } from "../resources/payment-intents.js";
import { escapeHtml, page } from "./html.js";

type Intent = Stripe.SetupIntent | Stripe.PaymentIntent;
export type ThreeDsAction = "complete" | "fail";

function findIntent(app: App, id: string): Intent | undefined {
  return id.startsWith("seti_") ? app.store.setupIntents.get(id) : app.store.paymentIntents.get(id);
}

function isSetup(intent: Intent): intent is Stripe.SetupIntent {
  return intent.object === "setup_intent";
}

/** Runs the customer's choice; the intent leaves requires_action. */
export function resolveThreeDs(app: App, intent: Intent, action: ThreeDsAction): void {
  if (isSetup(intent)) {
    if (action === "complete") completeSetupAuthentication(app, NO_REQUEST, intent);
    else failSetupAuthentication(app, NO_REQUEST, intent);
  } else if (action === "complete") completePaymentAuthentication(app, NO_REQUEST, intent);
  else failPaymentAuthentication(app, NO_REQUEST, intent);
  app.changed();
}

function waitingFor(app: App, intent: Intent): PendingThreeDs | undefined {
  return intent.status === "requires_action" ? pendingThreeDs(app, intent.id) : undefined;
}

async function readFields(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (req.method !== "POST") return {};
  const body = await readBody(req);
  if (!body.trim()) return {};
  if ((header(req, "content-type") ?? "").includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(body);
      return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return parseForm(body);
}

function render(app: App, intent: Intent, pending: PendingThreeDs, token: string): string {
  const pm = app.store.paymentMethods.get(pending.paymentMethod);
  const rows: [string, string][] = [];
  if (pm?.card) rows.push(["Card", `${pm.card.brand} •••• ${pm.card.last4}`]);
  if (isSetup(intent)) {
    rows.push([
      "Purpose",
      intent.usage === "off_session" ? "Save the card for future off-session payments" : "Save the card",
    ]);
  } else {
    rows.push(["Amount", formatAmount(intent.amount, intent.currency)]);
    if (intent.description) rows.push(["Description", intent.description]);
  }
  const action = `/3ds/${encodeURIComponent(intent.id)}?token=${encodeURIComponent(token)}`;
  const button = (value: ThreeDsAction, label: string, cls: string) =>
    `<form method="post" action="${escapeHtml(action)}">` +
    `<input type="hidden" name="action" value="${value}">` +
    `<input type="hidden" name="token" value="${escapeHtml(token)}">` +
    `<button type="submit" class="${cls}">${label}</button></form>`;
  return page(
    "3D Secure test authentication",
    `<h1>3D Secure test authentication</h1>
<p>This page stands in for the card issuer's 3D Secure challenge. Choose how the customer responds.</p>
<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>
${button("complete", "Complete authentication", "primary")}
${button("fail", "Fail authentication", "")}`,
  );
}

function renderDone(intent: Intent): string {
  const ok = intent.status !== "requires_payment_method";
  return page(
    "Authentication finished",
    `<h1>Authentication ${ok ? "complete" : "failed"}</h1>
<p>Status: <code>${escapeHtml(intent.status)}</code>. You can close this window.</p>`,
  );
}

function backToMerchant(intent: Intent, returnUrl: string): string {
  const param = isSetup(intent) ? "setup_intent" : "payment_intent";
  return returnUrlWith(returnUrl, {
    [param]: intent.id,
    [`${param}_client_secret`]: intent.client_secret ?? "",
    redirect_status: intent.status === "succeeded" ? "succeeded" : "failed",
  });
}

/** GET shows the challenge; POST (form, `action=complete|fail`) answers it. */
export async function handleThreeDsPage(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  query: URLSearchParams,
): Promise<void> {
  const intent = findIntent(app, id);
  if (!intent) {
    return sendHtml(
      res,
      404,
      page("Not found", `<h1>Not found</h1><p>No such intent: <code>${escapeHtml(id)}</code>.</p>`),
    );
  }
  const pending = waitingFor(app, intent);
  const form = await readFields(req);
  const token = (typeof form.token === "string" ? form.token : null) ?? query.get("token") ?? "";
  if (pending && token !== pending.token) {
    return sendHtml(
      res,
      403,
      page(
        "Link expired",
        `<h1>Link expired</h1><p>This authentication link is invalid or was replaced by a newer confirmation.</p>`,
      ),
    );
  }
  if (req.method !== "POST")
    return sendHtml(res, 200, pending ? render(app, intent, pending, token) : renderDone(intent));
  if (!pending) return sendHtml(res, 409, renderDone(intent));
  const action = form.action;
  if (action !== "complete" && action !== "fail") {
    return sendHtml(res, 400, page("Bad request", `<h1>Bad request</h1><p>action must be complete or fail.</p>`));
  }
  resolveThreeDs(app, intent, action);
  if (pending.returnUrl) return redirect(res, backToMerchant(intent, pending.returnUrl));
  sendHtml(res, 200, renderDone(intent));
}

/** POST /3ds/:id/complete|fail for the Stripe.js stand-in (JSON, CORS). */
export async function handleThreeDsApi(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  action: ThreeDsAction,
  query: URLSearchParams,
): Promise<void> {
  setCors(res);
  const intent = findIntent(app, id);
  if (!intent)
    return sendJson(res, 404, {
      error: { type: "invalid_request_error", code: "resource_missing", message: `No such intent: '${id}'` },
    });
  const form = await readFields(req);
  const token = (typeof form.token === "string" ? form.token : null) ?? query.get("token") ?? "";
  const pending = waitingFor(app, intent);
  if (!pending) {
    return sendJson(res, 409, {
      error: {
        type: "invalid_request_error",
        code: "intent_invalid_state",
        message: `${intent.id} is not waiting for 3D Secure authentication (status: ${intent.status}).`,
      },
    });
  }
  if (token !== pending.token) {
    return sendJson(res, 403, {
      error: { type: "invalid_request_error", message: "Invalid or expired 3D Secure token." },
    });
  }
  resolveThreeDs(app, intent, action);
  sendJson(res, 200, { id: intent.id, object: intent.object, status: intent.status });
}
