/**
 * The /v1 request pipeline: fault injection → auth → route → publishable-key
 * rules → idempotency → parameter validation → handler → expand → response.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "../app.js";
import { applyExpand } from "../expand.js";
import { API_VERSION } from "../events.js";
import { newId } from "../ids.js";
import { authenticate, publishableKeyNotAllowed, type Auth } from "./auth.js";
import { apiError, injectedDecline, resourceMissing, StripeError, unrecognizedUrl } from "./errors.js";
import { FormSyntaxError, parseForm, type FormObject } from "./form.js";
import { fingerprint, type SavedResponse } from "./idempotency.js";
import { validateParams } from "./params.js";
import { clientIp, header, readBody, sendJson, setCors } from "./respond.js";
import type { PublishableAccess, Router } from "./router.js";

/** A request held open by a "timeout" fault; released by close(). */
export interface Hang {
  timer: NodeJS.Timeout;
  res: ServerResponse;
}

export const HANG_MS = 31_000;

async function readParams(req: IncomingMessage, query: string): Promise<FormObject> {
  const fromQuery = parseForm(query);
  if (req.method !== "POST") return fromQuery;
  const body = await readBody(req);
  return { ...fromQuery, ...parseForm(body) };
}

function publishableCheck(
  app: App,
  auth: Auth,
  raw: FormObject,
  lookup: PublishableAccess | undefined,
  path: Record<string, string>,
  objectName: string,
): void {
  if (auth.kind !== "publishable") return;
  if (!lookup) throw publishableKeyNotAllowed();
  if (lookup === "any") return;
  const secret = lookup(app, path);
  if (secret === undefined) throw resourceMissing(objectName, path.id);
  const given = raw.client_secret;
  if (typeof given !== "string" || !given) throw publishableKeyNotAllowed();
  if (given !== secret) {
    throw new StripeError({
      status: 400,
      type: "invalid_request_error",
      param: "client_secret",
      message: `The client_secret provided does not match the client_secret associated with the ${objectName}.`,
      saveIdempotent: false,
    });
  }
}

export async function handleApi(
  app: App,
  router: Router,
  hangs: Set<Hang>,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: string,
): Promise<void> {
  const requestId = newId("req");
  const method = req.method ?? "GET";
  res.setHeader("Request-Id", requestId);
  res.setHeader("Stripe-Version", header(req, "stripe-version") ?? API_VERSION);
  setCors(res);

  const idempotencyKey = method === "POST" ? header(req, "idempotency-key") : null;
  let status = 200;
  let text: string;
  let save: SavedResponse | null = null;
  let print: string | null = null;
  let began = false;
  try {
    const fault = app.faults.take(method, path);
    if (fault?.kind === "timeout") {
      // Hold the socket past any client timeout, then drop it unanswered.
      const hang: Hang = {
        res,
        timer: setTimeout(() => {
          hangs.delete(hang);
          res.socket?.destroy();
        }, HANG_MS),
      };
      hangs.add(hang);
      return;
    }
    if (fault?.kind === "500") throw apiError();
    if (fault?.kind === "decline") throw injectedDecline(fault.declineCode!);

    let raw: FormObject;
    try {
      raw = await readParams(req, query);
    } catch (e) {
      if (e instanceof FormSyntaxError)
        throw new StripeError({
          status: 400,
          type: "invalid_request_error",
          message: e.message,
          param: e.param,
          saveIdempotent: false,
        });
      throw e;
    }
    const auth = authenticate(req.headers);
    const match = router.match(method, path);
    if (!match) throw unrecognizedUrl(method, path);
    const objectName = path.startsWith("/v1/setup_intents") ? "SetupIntent" : "PaymentIntent";
    publishableCheck(app, auth, raw, match.route.publishable, match.path, objectName);

    print = fingerprint(raw);
    if (idempotencyKey) {
      const saved = app.idempotency.check(idempotencyKey, method, path, print);
      if (saved) {
        res.setHeader("Idempotent-Replayed", "true");
        res.setHeader("Original-Request", saved.requestId);
        return sendJson(res, saved.status, saved.body);
      }
      app.idempotency.begin(idempotencyKey);
      began = true;
    }
    const params = validateParams<Record<string, unknown>>(raw, match.route.spec);
    const ctx = {
      app,
      params,
      path: match.path,
      auth,
      request: { id: requestId, idempotencyKey },
      ip: clientIp(req),
      userAgent: header(req, "user-agent"),
      url: path,
    };
    const result = match.route.handle(ctx);
    const expand = Array.isArray(params.expand) ? (params.expand as string[]) : undefined;
    text = JSON.stringify(applyExpand(app.store, result, expand), null, 2);
    if (idempotencyKey) save = { method, path, fingerprint: print, status, body: text, requestId };
  } catch (err) {
    let error: StripeError;
    if (err instanceof StripeError) error = err;
    else {
      app.log(`internal error on ${method} ${path}: ${err instanceof Error ? err.stack : String(err)}`);
      error = apiError();
    }
    status = error.status;
    text = JSON.stringify(error.body(requestId), null, 2);
    // Only results of a request that started executing are kept (not 5xx).
    if (began && print !== null && error.saveIdempotent && status < 500) {
      save = { method, path, fingerprint: print, status, body: text, requestId };
    }
  } finally {
    if (began && idempotencyKey) app.idempotency.finish(idempotencyKey, save);
  }
  if (method !== "GET") app.changed();
  sendJson(res, status, text);
}
