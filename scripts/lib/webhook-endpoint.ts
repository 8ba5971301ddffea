import type Stripe from "stripe";
import type { LocalSecrets } from "./local-state";

/**
 * The app's webhook endpoint in the local emulator, registered once: the saved
 * endpoint (with the secret Stripe showed at creation) is reused while it
 * exists for the same URL. Otherwise endpoints for this URL whose secret we no
 * longer have are removed, so events are never delivered twice, and one is created.
 */
export async function ensureWebhookEndpoint(
  sdk: Stripe,
  url: string,
  saved: LocalSecrets["webhookEndpoint"],
): Promise<NonNullable<LocalSecrets["webhookEndpoint"]>> {
  const existing: Stripe.WebhookEndpoint[] = [];
  for await (const endpoint of sdk.webhookEndpoints.list({ limit: 100 })) existing.push(endpoint);
  const reusable = saved && existing.find((endpoint) => endpoint.id === saved.id && endpoint.url === url);
  if (reusable && saved) return saved;
  for (const endpoint of existing) {
    if (endpoint.url === url) await sdk.webhookEndpoints.del(endpoint.id);
  }
  const created = await sdk.webhookEndpoints.create({ url, enabled_events: ["*"] });
  return { id: created.id, url, secret: created.secret! };
}
