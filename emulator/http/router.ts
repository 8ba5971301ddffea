/** Route table for `/v1`: path patterns, param specs and handlers. */
import type { App } from "../app.js";
import type { Auth } from "./auth.js";
import type { Spec } from "./params.js";

export type Method = "GET" | "POST" | "DELETE";

/** Where a state change came from; events copy it into `event.request`. */
export interface RequestInfo {
  id: string | null;
  idempotencyKey: string | null;
}

export interface Ctx<P = Record<string, unknown>> {
  app: App;
  params: P;
  path: Record<string, string>;
  auth: Auth;
  request: RequestInfo;
  /** Client address and user agent, for mandate `infer_from_client`. */
  ip: string;
  userAgent: string | null;
  /** Request path without the query string (list objects echo it as `url`). */
  url: string;
}

/**
 * Publishable keys may only reach an intent they hold the client secret for.
 * Returns the intent's secret (or undefined when the id is unknown).
 */
export type ClientSecretLookup = (app: App, path: Record<string, string>) => string | null | undefined;

/** Who may call a route with a publishable key: holders of the intent's client secret, or anyone ("any"). */
export type PublishableAccess = ClientSecretLookup | "any";

export interface Route {
  method: Method;
  pattern: string;
  spec: Spec;
  publishable?: PublishableAccess;
  handle(ctx: Ctx): unknown;
}

export function route<P>(def: {
  method: Method;
  path: string;
  spec: Spec;
  publishable?: PublishableAccess;
  handle(ctx: Ctx<P>): unknown;
}): Route {
  return {
    method: def.method,
    pattern: def.path,
    spec: def.spec,
    publishable: def.publishable,
    handle: def.handle as (ctx: Ctx) => unknown,
  };
}

interface Compiled {
  route: Route;
  regex: RegExp;
  keys: string[];
}

export class Router {
  private readonly compiled: Compiled[] = [];

  add(routes: Route[]): void {
    for (const r of routes) {
      const keys: string[] = [];
      const source = r.pattern
        .split("/")
        .map((part) => {
          if (part.startsWith(":")) {
            keys.push(part.slice(1));
            return "([^/]+)";
          }
          return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        })
        .join("/");
      this.compiled.push({ route: r, regex: new RegExp(`^${source}/?$`), keys });
    }
  }

  match(method: string, path: string): { route: Route; path: Record<string, string> } | null {
    for (const c of this.compiled) {
      if (c.route.method !== method) continue;
      const m = c.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
      return { route: c.route, path: params };
    }
    return null;
  }
}
