/** /v1/webhook_endpoints. The signing secret is shown only in the create response. */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route } from "../http/router.js";
import { arrayOf, fields, required } from "../http/params.js";
import { parameterInvalid } from "../http/errors.js";
import { newId, nowSeconds, randomAlnum } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { assertValidReturnUrl } from "../redirects.js";
import { emptyToNull, mergeMetadata, mustGet } from "./common.js";

function getEndpoint(app: App, id: string): Stripe.WebhookEndpoint {
  return mustGet(app.store.webhookEndpoints, id, "webhook endpoint");
}

function checkEvents(events: string[] | undefined, param: string): string[] {
  if (!events || events.length === 0) throw parameterInvalid(param, "You must specify at least one event.");
  events.forEach((e, i) => {
    if (e !== "*" && !/^[a-z_]+(\.[a-z_]+)+$/.test(e)) {
      throw parameterInvalid(`${param}[${i}]`, `Invalid ${param}[${i}]: unknown event type ${e}`);
    }
  });
  return events;
}

export const webhookEndpointRoutes = [
  route<Stripe.WebhookEndpointCreateParams>({
    method: "POST",
    path: "/v1/webhook_endpoints",
    spec: fields<Stripe.WebhookEndpointCreateParams>({
      url: required("string"),
      enabled_events: required(arrayOf("string")),
      description: "string",
      metadata: "metadata",
      api_version: "string",
      connect: "boolean",
    }),
    handle({ app, params }) {
      assertValidReturnUrl(params.url, "url");
      const endpoint: Stripe.WebhookEndpoint = {
        id: newId("we"),
        object: "webhook_endpoint",
        api_version: params.api_version ?? null,
        application: null,
        created: nowSeconds(),
        description: emptyToNull(params.description ?? null),
        enabled_events: checkEvents(params.enabled_events, "enabled_events"),
        livemode: false,
        metadata: mergeMetadata({}, params.metadata),
        status: "enabled",
        url: params.url,
      };
      const secret = `whsec_${randomAlnum(32)}`;
      app.store.webhookEndpoints.insert(endpoint);
      app.store.internal.webhookSecrets[endpoint.id] = secret;
      return { ...endpoint, secret };
    },
  }),
  route<Stripe.WebhookEndpointRetrieveParams>({
    method: "GET",
    path: "/v1/webhook_endpoints/:id",
    spec: fields<Stripe.WebhookEndpointRetrieveParams>({}),
    handle: ({ app, path }) => getEndpoint(app, path.id),
  }),
  route<Stripe.WebhookEndpointUpdateParams>({
    method: "POST",
    path: "/v1/webhook_endpoints/:id",
    spec: fields<Stripe.WebhookEndpointUpdateParams>({
      url: "string",
      enabled_events: arrayOf("string"),
      description: "string",
      metadata: "metadata",
      disabled: "boolean",
    }),
    handle({ app, path, params }) {
      const endpoint = getEndpoint(app, path.id);
      if (params.url !== undefined) {
        assertValidReturnUrl(params.url, "url");
        endpoint.url = params.url;
      }
      if (params.enabled_events !== undefined)
        endpoint.enabled_events = checkEvents(params.enabled_events, "enabled_events");
      if (params.description !== undefined) endpoint.description = emptyToNull(params.description);
      if (params.metadata !== undefined) endpoint.metadata = mergeMetadata(endpoint.metadata, params.metadata);
      if (params.disabled !== undefined) endpoint.status = params.disabled ? "disabled" : "enabled";
      return endpoint;
    },
  }),
  route<Stripe.WebhookEndpointListParams>({
    method: "GET",
    path: "/v1/webhook_endpoints",
    spec: fields<Stripe.WebhookEndpointListParams>({ ...paginationSpec }),
    handle: ({ app, params, url }) =>
      paginate(app.store.webhookEndpoints.newestFirst(), params, url, "webhook endpoint"),
  }),
  route<Stripe.WebhookEndpointDeleteParams>({
    method: "DELETE",
    path: "/v1/webhook_endpoints/:id",
    spec: fields<Stripe.WebhookEndpointDeleteParams>({}),
    handle({ app, path }): Stripe.DeletedWebhookEndpoint {
      const endpoint = getEndpoint(app, path.id);
      app.store.webhookEndpoints.delete(endpoint.id);
      delete app.store.internal.webhookSecrets[endpoint.id];
      app.webhooks.forgetEndpoint(endpoint.id);
      return { id: endpoint.id, object: "webhook_endpoint", deleted: true };
    },
  }),
];
