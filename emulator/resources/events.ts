/** /v1/events */
import type Stripe from "stripe";
import { route } from "../http/router.js";
import { arrayOf, fields } from "../http/params.js";
import { parameterInvalid } from "../http/errors.js";
import { paginate, paginationSpec } from "../list.js";
import { mustGet } from "./common.js";

/** `type` and `types[]` accept `*` wildcards, e.g. `setup_intent.*`. */
function typeMatcher(pattern: string): (type: string) => boolean {
  if (!pattern.includes("*")) return (t) => t === pattern;
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return (t) => re.test(t);
}

export const eventRoutes = [
  route<Stripe.EventRetrieveParams>({
    method: "GET",
    path: "/v1/events/:id",
    spec: fields<Stripe.EventRetrieveParams>({}),
    handle: ({ app, path }) => mustGet(app.store.events, path.id, "event"),
  }),
  route<Stripe.EventListParams>({
    method: "GET",
    path: "/v1/events",
    spec: fields<Stripe.EventListParams>({
      ...paginationSpec,
      type: "string",
      types: arrayOf("string"),
      delivery_success: "boolean",
    }),
    handle({ app, params, url }) {
      if (params.type && params.types) {
        throw parameterInvalid("types", "You may only specify one of these parameters: type, types.");
      }
      const patterns = params.types ?? (params.type ? [params.type] : null);
      const matchers = patterns?.map(typeMatcher);
      const items = app.store.events.newestFirst().filter((e) => !matchers || matchers.some((m) => m(e.type)));
      return paginate(items, params, url, "event");
    },
  }),
];
