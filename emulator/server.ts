/**
 * The local Stripe emulator: a node:http server speaking Stripe's wire
 * protocol (/v1), plus the wallet redirect pages, the 3D Secure page, a Stripe.js stand-in and
 * /_emulator control endpoints for tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "./app.js";
import { buildRouter } from "./routes.js";
import { handleApi, type Hang } from "./http/api.js";
import { handleControl } from "./control.js";
import { handleInvoicePage } from "./pages/invoice-page.js";
import { handleRedirectPage } from "./pages/redirect-page.js";
import { handleCheckoutPage } from "./pages/checkout-page.js";
import { handleThreeDsApi, handleThreeDsPage } from "./pages/three-ds-page.js";
import { stripeJsSource } from "./stripejs/stripe-js.js";
import { sendJson, setCors } from "./http/respond.js";
import { loadState, StateSaver } from "./persistence.js";
import { newId } from "./ids.js";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Origin browsers use to reach the emulator (redirect URLs, Stripe.js). */
  publicUrl?: string;
  /** First webhook retry delay; doubles per attempt. */
  webhookRetryBaseMs?: number;
  /** Webhook requests in flight per endpoint (default 4). */
  webhookConcurrency?: number;
  /** Deliver due webhooks in random order, as Stripe may (default: env STRIPE_EMULATOR_WEBHOOK_SHUFFLE=1). */
  webhookShuffle?: boolean;
  /** Persist state as JSON here (loaded at start, written on change). */
  stateFile?: string;
  /** The business name shown on the hosted Checkout page. */
  accountName?: string;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
  reset(): void;
}

const STRIPE_JS_PATHS = new Set(["/js/stripe.js", "/v3", "/v3/", "/endive/stripe.js", "/clover/stripe.js"]);

function log(msg: string): void {
  console.error(`[stripe-emulator] ${msg}`);
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? "127.0.0.1";
  let saver: StateSaver | null = null;
  const app = new App(
    {
      publicUrl: opts.publicUrl ?? "",
      webhookRetryBaseMs: opts.webhookRetryBaseMs ?? 1000,
      accountName: opts.accountName ?? "Local test account",
      webhookConcurrency: opts.webhookConcurrency,
      webhookShuffle: opts.webhookShuffle ?? process.env.STRIPE_EMULATOR_WEBHOOK_SHUFFLE === "1",
    },
    log,
    () => saver?.schedule(),
  );
  if (opts.stateFile) {
    loadState(opts.stateFile, app.store);
    saver = new StateSaver(opts.stateFile, app.store, log);
  }
  const router = buildRouter();
  const hangs = new Set<Hang>();

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.local");
    const path = url.pathname;
    // /v1 sets its own (the id also goes into error bodies and events).
    if (!path.startsWith("/v1")) res.setHeader("Request-Id", newId("req"));
    if (req.method === "OPTIONS") {
      setCors(res);
      res.statusCode = 204;
      res.end();
      return;
    }
    if (path.startsWith("/v1/") || path === "/v1") {
      return handleApi(app, router, hangs, req, res, path, url.search.slice(1));
    }
    if (path.startsWith("/_emulator/")) return handleControl(app, req, res, path);
    if ((req.method === "GET" || req.method === "HEAD") && STRIPE_JS_PATHS.has(path)) {
      const js = stripeJsSource(app.config.publicUrl);
      setCors(res);
      res.statusCode = 200;
      res.setHeader("Content-Type", "application/javascript; charset=utf-8");
      res.setHeader("Cache-Control", "no-cache");
      res.end(js);
      return;
    }
    const page = /^\/redirect\/(setup_intents|payment_intents)\/([^/]+)\/?$/.exec(path);
    if (page && (req.method === "GET" || req.method === "POST")) {
      return handleRedirectPage(
        app,
        req,
        res,
        page[1] as "setup_intents" | "payment_intents",
        decodeURIComponent(page[2]),
        url.searchParams,
      );
    }
    const checkout = /^\/c\/pay\/([^/]+)(\/return)?\/?$/.exec(path);
    if (checkout && (req.method === "GET" || (req.method === "POST" && !checkout[2]))) {
      return handleCheckoutPage(app, req, res, decodeURIComponent(checkout[1]), checkout[2] ? "return" : "page");
    }
    const threeDs = /^\/3ds\/([^/]+)(?:\/(complete|fail))?\/?$/.exec(path);
    if (threeDs && (req.method === "GET" || req.method === "POST")) {
      const id = decodeURIComponent(threeDs[1]);
      if (threeDs[2] && req.method === "POST") {
        return handleThreeDsApi(app, req, res, id, threeDs[2] as "complete" | "fail", url.searchParams);
      }
      if (!threeDs[2]) return handleThreeDsPage(app, req, res, id, url.searchParams);
    }
    const hosted = /^\/i\/([A-Za-z0-9_]+)(\/pdf)?\/?$/.exec(path);
    if (hosted && (req.method === "GET" || req.method === "HEAD")) {
      return handleInvoicePage(app, res, hosted[1], Boolean(hosted[2]));
    }
    if (path === "/" && req.method === "GET") {
      return sendJson(res, 200, {
        name: "local Stripe emulator",
        api: "/v1",
        stripe_js: "/js/stripe.js",
        health: "/_emulator/health",
      });
    }
    sendJson(res, 404, {
      error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${path}).` },
    });
  }

  const server = createServer((req, res) => {
    dispatch(req, res).catch((err: unknown) => {
      log(`unhandled error: ${err instanceof Error ? err.stack : String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { error: { type: "api_error", message: "Internal emulator error" } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 12111, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  app.config.publicUrl = (opts.publicUrl ?? `http://localhost:${port}`).replace(/\/$/, "");

  let closed = false;
  return {
    url: app.config.publicUrl,
    port,
    reset: () => app.reset(),
    async close() {
      if (closed) return;
      closed = true;
      app.webhooks.close();
      for (const hang of hangs) {
        clearTimeout(hang.timer);
        hang.res.socket?.destroy();
      }
      hangs.clear();
      saver?.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
