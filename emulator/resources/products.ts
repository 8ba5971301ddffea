/** /v1/products */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type RequestInfo } from "../http/router.js";
import { arrayOf, fields, required } from "../http/params.js";
import { invalidRequest } from "../http/errors.js";
import { newId, nowSeconds } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { changedAttributes, recordEvent } from "../events.js";
import { emptyToNull, mergeMetadata, mustGet } from "./common.js";

export function getProduct(app: App, id: string, param = "id"): Stripe.Product {
  return mustGet(app.store.products, id, "product", param);
}

export interface ProductInput {
  id?: string;
  name: string;
  active?: boolean;
  description?: string;
  metadata?: Stripe.MetadataParam;
  statement_descriptor?: string;
  unit_label?: string;
  url?: string;
  images?: string[];
}

/** Shared by POST /v1/products and prices' `product_data`. */
export function createProduct(app: App, origin: RequestInfo, input: ProductInput, idParam = "id"): Stripe.Product {
  if (input.id !== undefined && app.store.lookup(input.id)) {
    throw invalidRequest(`Product already exists.`, { param: idParam, code: "resource_already_exists" });
  }
  const now = nowSeconds();
  const product: Stripe.Product = {
    id: input.id || newId("prod"),
    object: "product",
    active: input.active ?? true,
    created: now,
    default_price: null,
    description: emptyToNull(input.description),
    images: input.images ?? [],
    livemode: false,
    marketing_features: [],
    metadata: mergeMetadata({}, input.metadata),
    name: input.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: emptyToNull(input.statement_descriptor),
    tax_code: null,
    tax_details: null,
    type: "service",
    unit_label: emptyToNull(input.unit_label),
    updated: now,
    url: emptyToNull(input.url),
  };
  app.store.products.insert(product);
  recordEvent(app, origin, "product.created", product);
  return product;
}

export const productRoutes = [
  route<Stripe.ProductCreateParams>({
    method: "POST",
    path: "/v1/products",
    spec: fields<Stripe.ProductCreateParams>({
      id: "string",
      name: required("string"),
      active: "boolean",
      description: "string",
      metadata: "metadata",
      statement_descriptor: "string",
      unit_label: "string",
      url: "string",
      images: arrayOf("string"),
    }),
    handle: ({ app, params, request }) =>
      createProduct(app, request, { ...params, metadata: params.metadata ?? undefined }),
  }),
  route<Stripe.ProductRetrieveParams>({
    method: "GET",
    path: "/v1/products/:id",
    spec: fields<Stripe.ProductRetrieveParams>({}),
    handle: ({ app, path }) => getProduct(app, path.id),
  }),
  route<Stripe.ProductUpdateParams>({
    method: "POST",
    path: "/v1/products/:id",
    spec: fields<Stripe.ProductUpdateParams>({
      name: "string",
      active: "boolean",
      description: "string",
      metadata: "metadata",
      default_price: "string",
    }),
    handle({ app, path, params, request }) {
      const product = getProduct(app, path.id);
      const before = structuredClone(product);
      if (params.name !== undefined) product.name = params.name;
      if (params.active !== undefined) product.active = params.active;
      if (params.description !== undefined) product.description = emptyToNull(params.description);
      if (params.metadata !== undefined) product.metadata = mergeMetadata(product.metadata, params.metadata);
      if (params.default_price !== undefined) {
        const price = app.store.prices.get(params.default_price);
        if (!price || price.product !== product.id) {
          throw invalidRequest(`No such price: '${params.default_price}' for this product.`, {
            param: "default_price",
          });
        }
        product.default_price = price.id;
      }
      const previous = changedAttributes(before, product);
      if (Object.keys(previous).length > 0) {
        product.updated = nowSeconds();
        recordEvent(app, request, "product.updated", product, previous);
      }
      return product;
    },
  }),
  route<Stripe.ProductListParams>({
    method: "GET",
    path: "/v1/products",
    spec: fields<Stripe.ProductListParams>({ ...paginationSpec, active: "boolean", ids: arrayOf("string") }),
    handle({ app, params, url }) {
      const items = app.store.products
        .newestFirst()
        .filter((p) => params.active === undefined || p.active === params.active)
        .filter((p) => !params.ids || params.ids.includes(p.id));
      return paginate(items, params, url, "product");
    },
  }),
];
