/** /v1/prices. Amounts are in the currency's smallest unit; KRW and JPY have no minor unit. */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type RequestInfo } from "../http/router.js";
import { arrayOf, fields, objectOf, oneOf, required } from "../http/params.js";
import { invalidRequest, parameterInvalid, parameterMissing } from "../http/errors.js";
import { newId, nowSeconds } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { changedAttributes, recordEvent } from "../events.js";
import { emptyToNull, mergeMetadata, mustGet } from "./common.js";
import { createProduct, getProduct } from "./products.js";

export function getPrice(app: App, id: string, param = "id"): Stripe.Price {
  return mustGet(app.store.prices, id, "price", param);
}

/** Decimals travel as strings on the wire; the SDK turns them into Decimal objects. */
export function wireDecimal(value: number): Stripe.Decimal {
  return String(value) as unknown as Stripe.Decimal;
}

const intervals = ["day", "week", "month", "year"] as const;

/** A lookup key belongs to one price; `transfer_lookup_key` moves it. */
function claimLookupKey(app: App, origin: RequestInfo, key: string, transfer: boolean | undefined): void {
  const holder = app.store.prices.newestFirst().find((p) => p.lookup_key === key);
  if (!holder) return;
  if (!transfer) {
    throw invalidRequest(`A price (\`${holder.id}\`) already uses that lookup key.`, { param: "lookup_key" });
  }
  holder.lookup_key = null;
  recordEvent(app, origin, "price.updated", holder, { lookup_key: key });
}

export const priceRoutes = [
  route<Stripe.PriceCreateParams>({
    method: "POST",
    path: "/v1/prices",
    spec: fields<Stripe.PriceCreateParams>({
      currency: required("string"),
      product: "string",
      product_data: objectOf(
        fields<Stripe.PriceCreateParams.ProductData>({
          id: "string",
          name: required("string"),
          active: "boolean",
          metadata: "metadata",
          statement_descriptor: "string",
          unit_label: "string",
        }),
      ),
      unit_amount: "integer",
      recurring: objectOf(
        fields<Stripe.PriceCreateParams.Recurring>({
          interval: required({ enum: intervals }),
          interval_count: "integer",
          usage_type: oneOf("licensed"),
        }),
      ),
      lookup_key: "string",
      transfer_lookup_key: "boolean",
      metadata: "metadata",
      nickname: "string",
      active: "boolean",
      tax_behavior: oneOf("exclusive", "inclusive", "unspecified"),
      billing_scheme: oneOf("per_unit"),
    }),
    handle({ app, params, request }) {
      const currency = (params.currency ?? "").toLowerCase();
      if (!/^[a-z]{3}$/.test(currency)) throw parameterInvalid("currency", `Invalid currency: ${params.currency}`);
      if (params.product && params.product_data) {
        throw invalidRequest("You may only specify one of these parameters: product, product_data.", {
          param: "product",
        });
      }
      if (!params.product && !params.product_data) throw parameterMissing("product");
      if (params.unit_amount === undefined) throw parameterMissing("unit_amount");
      if (params.unit_amount < 0) {
        throw parameterInvalid("unit_amount", "This value must be greater than or equal to 0.");
      }
      const intervalCount = params.recurring?.interval_count ?? 1;
      if (intervalCount < 1) {
        throw parameterInvalid("recurring[interval_count]", "This value must be greater than or equal to 1.");
      }
      const productId = params.product
        ? getProduct(app, params.product, "product").id
        : createProduct(
            app,
            request,
            {
              ...params.product_data!,
              metadata: params.product_data!.metadata,
            },
            "product_data[id]",
          ).id;
      if (params.lookup_key) claimLookupKey(app, request, params.lookup_key, params.transfer_lookup_key);
      const price: Stripe.Price = {
        id: newId("price"),
        object: "price",
        active: params.active ?? true,
        billing_scheme: "per_unit",
        created: nowSeconds(),
        currency,
        custom_unit_amount: null,
        livemode: false,
        lookup_key: emptyToNull(params.lookup_key),
        metadata: mergeMetadata({}, params.metadata),
        nickname: emptyToNull(params.nickname),
        product: productId,
        recurring: params.recurring
          ? {
              interval: params.recurring.interval,
              interval_count: intervalCount,
              meter: null,
              trial_period_days: null,
              usage_type: "licensed",
            }
          : null,
        tax_behavior: params.tax_behavior ?? "unspecified",
        tiers_mode: null,
        transform_quantity: null,
        type: params.recurring ? "recurring" : "one_time",
        unit_amount: params.unit_amount,
        unit_amount_decimal: wireDecimal(params.unit_amount),
      };
      app.store.prices.insert(price);
      recordEvent(app, request, "price.created", price);
      return price;
    },
  }),
  route<Stripe.PriceRetrieveParams>({
    method: "GET",
    path: "/v1/prices/:id",
    spec: fields<Stripe.PriceRetrieveParams>({}),
    handle: ({ app, path }) => getPrice(app, path.id),
  }),
  route<Stripe.PriceUpdateParams>({
    method: "POST",
    path: "/v1/prices/:id",
    spec: fields<Stripe.PriceUpdateParams>({
      active: "boolean",
      metadata: "metadata",
      nickname: "string",
      lookup_key: "string",
      transfer_lookup_key: "boolean",
    }),
    handle({ app, path, params, request }) {
      const price = getPrice(app, path.id);
      const before = structuredClone(price);
      if (params.lookup_key !== undefined && params.lookup_key !== price.lookup_key) {
        if (params.lookup_key) claimLookupKey(app, request, params.lookup_key, params.transfer_lookup_key);
        price.lookup_key = emptyToNull(params.lookup_key);
      }
      if (params.active !== undefined) price.active = params.active;
      if (params.nickname !== undefined) price.nickname = emptyToNull(params.nickname);
      if (params.metadata !== undefined) price.metadata = mergeMetadata(price.metadata, params.metadata);
      const previous = changedAttributes(before, price);
      if (Object.keys(previous).length > 0) recordEvent(app, request, "price.updated", price, previous);
      return price;
    },
  }),
  route<Stripe.PriceListParams>({
    method: "GET",
    path: "/v1/prices",
    spec: fields<Stripe.PriceListParams>({
      ...paginationSpec,
      active: "boolean",
      currency: "string",
      product: "string",
      lookup_keys: arrayOf("string"),
      type: oneOf("one_time", "recurring"),
    }),
    handle({ app, params, url }) {
      if (params.lookup_keys && params.lookup_keys.length > 10) {
        throw parameterInvalid("lookup_keys", "You may only specify up to 10 lookup keys.");
      }
      const items = app.store.prices
        .newestFirst()
        .filter((p) => params.active === undefined || p.active === params.active)
        .filter((p) => params.currency === undefined || p.currency === params.currency.toLowerCase())
        .filter((p) => params.product === undefined || p.product === params.product)
        .filter((p) => params.type === undefined || p.type === params.type)
        .filter((p) => !params.lookup_keys || (p.lookup_key !== null && params.lookup_keys.includes(p.lookup_key)));
      return paginate(items, params, url, "price");
    },
  }),
];
