/** /v1/customers */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type RequestInfo } from "../http/router.js";
import { fields, objectOf, type Kind } from "../http/params.js";
import { invalidRequest } from "../http/errors.js";
import { newId, nowSeconds, randomAlnum } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { changedAttributes, recordEvent } from "../events.js";
import { emptyToNull, mergeMetadata, mustGet } from "./common.js";
import { attachPaymentMethod } from "./payment-methods.js";
import { isPaymentMethodShortcut, resolvePaymentMethodRef } from "../cards.js";
import { getTestClock, nowFor } from "./test-clocks.js";
import { cancelSubscriptionNow } from "./subscriptions.js";

export function getCustomer(app: App, id: string, param = "id"): Stripe.Customer {
  return mustGet(app.store.customers, id, "customer", param);
}

const invoiceSettingsSpec = objectOf(
  fields<Stripe.CustomerUpdateParams.InvoiceSettings>({ default_payment_method: "string", footer: "string" }),
);

/** What both create and update accept; the rest can only be given on create. */
const editableFields: { readonly [K in keyof Stripe.CustomerUpdateParams]?: Kind } = {
  email: "string",
  name: "string",
  description: "string",
  phone: "string",
  metadata: "metadata",
  preferred_locales: { array: "string" },
  invoice_settings: invoiceSettingsSpec,
};

const createSpec = fields<Stripe.CustomerCreateParams>({
  ...editableFields,
  payment_method: "string",
  test_clock: "string",
});

const updateSpec = fields<Stripe.CustomerUpdateParams>(editableFields);

function assertOwnPaymentMethod(app: App, customer: Stripe.Customer, pmId: string, param: string): void {
  const pm = app.store.paymentMethods.get(pmId);
  if (!pm || pm.customer !== customer.id) {
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${pmId}. The payment method must be attached to the customer.`,
      { param },
    );
  }
}

function applyInvoiceSettings(
  app: App,
  origin: RequestInfo,
  customer: Stripe.Customer,
  settings: Stripe.CustomerUpdateParams.InvoiceSettings | undefined,
): void {
  if (!settings) return;
  if (settings.default_payment_method !== undefined) {
    const param = "invoice_settings[default_payment_method]";
    const ref = emptyToNull(settings.default_payment_method);
    // A pm_card_* shortcut names the clone `payment_method` attached in the same request.
    const pm =
      ref && isPaymentMethodShortcut(ref) ? resolvePaymentMethodRef(app, ref, { scope: origin, param }).id : ref;
    if (pm) assertOwnPaymentMethod(app, customer, pm, param);
    customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: pm };
  }
  if (settings.footer !== undefined) {
    customer.invoice_settings = { ...customer.invoice_settings, footer: emptyToNull(settings.footer) };
  }
}

/**
 * Deletes a customer as Stripe does: its live subscriptions are canceled at
 * once, and retrieving it afterwards answers `{id, object, deleted: true}`.
 */
export function deleteCustomer(app: App, origin: RequestInfo, customer: Stripe.Customer): Stripe.DeletedCustomer {
  const now = nowFor(app, customer);
  for (const sub of app.store.subscriptions.newestFirst()) {
    if (sub.customer === customer.id && sub.status !== "canceled" && sub.status !== "incomplete_expired") {
      cancelSubscriptionNow(app, origin, sub, now, null);
    }
  }
  app.store.customers.delete(customer.id);
  app.store.internal.deletedCustomers[customer.id] = true;
  recordEvent(app, origin, "customer.deleted", customer);
  return { id: customer.id, object: "customer", deleted: true };
}

/** Used by payment method detach: Stripe clears a default that goes away. */
export function clearDefaultPaymentMethod(app: App, origin: RequestInfo, customerId: string, pmId: string): void {
  const customer = app.store.customers.get(customerId);
  if (!customer || customer.invoice_settings.default_payment_method !== pmId) return;
  const before = structuredClone(customer);
  customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: null };
  recordEvent(app, origin, "customer.updated", customer, changedAttributes(before, customer));
}

export const customerRoutes = [
  route<Stripe.CustomerCreateParams>({
    method: "POST",
    path: "/v1/customers",
    spec: createSpec,
    handle({ app, params, request }) {
      // A customer on a test clock lives on the clock's time.
      const clock = params.test_clock ? getTestClock(app, params.test_clock, "test_clock") : null;
      const customer: Stripe.Customer = {
        id: newId("cus"),
        object: "customer",
        address: null,
        balance: 0,
        created: clock ? clock.frozen_time : nowSeconds(),
        currency: null,
        customer_account: null,
        default_source: null,
        delinquent: false,
        description: emptyToNull(params.description),
        discount: null,
        email: emptyToNull(params.email),
        invoice_prefix: randomAlnum(8).toUpperCase(),
        invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
        livemode: false,
        metadata: mergeMetadata({}, params.metadata),
        name: emptyToNull(params.name),
        next_invoice_sequence: 1,
        phone: emptyToNull(params.phone),
        preferred_locales: params.preferred_locales ?? [],
        shipping: null,
        tax_exempt: "none",
        test_clock: clock?.id ?? null,
      };
      app.store.customers.insert(customer);
      recordEvent(app, request, "customer.created", customer);
      // `payment_method` on create attaches it, as Stripe does.
      if (params.payment_method) {
        attachPaymentMethod(app, request, params.payment_method, customer.id, "payment_method");
      }
      applyInvoiceSettings(app, request, customer, params.invoice_settings);
      return customer;
    },
  }),
  route<Stripe.CustomerRetrieveParams>({
    method: "GET",
    path: "/v1/customers/:id",
    spec: fields<Stripe.CustomerRetrieveParams>({}),
    handle({ app, path }): Stripe.Customer | Stripe.DeletedCustomer {
      if (app.store.internal.deletedCustomers[path.id]) return { id: path.id, object: "customer", deleted: true };
      return getCustomer(app, path.id);
    },
  }),
  route<Stripe.CustomerDeleteParams>({
    method: "DELETE",
    path: "/v1/customers/:id",
    spec: fields<Stripe.CustomerDeleteParams>({}),
    handle: ({ app, path, request }) => deleteCustomer(app, request, getCustomer(app, path.id)),
  }),
  route<Stripe.CustomerUpdateParams>({
    method: "POST",
    path: "/v1/customers/:id",
    spec: updateSpec,
    handle({ app, params, path, request }) {
      const customer = getCustomer(app, path.id);
      const before = structuredClone(customer);
      if (params.email !== undefined) customer.email = emptyToNull(params.email);
      if (params.name !== undefined) customer.name = emptyToNull(params.name);
      if (params.description !== undefined) customer.description = emptyToNull(params.description);
      if (params.phone !== undefined) customer.phone = emptyToNull(params.phone);
      if (params.preferred_locales !== undefined) customer.preferred_locales = params.preferred_locales;
      if (params.metadata !== undefined) customer.metadata = mergeMetadata(customer.metadata, params.metadata);
      applyInvoiceSettings(app, request, customer, params.invoice_settings);
      const previous = changedAttributes(before, customer);
      if (Object.keys(previous).length > 0) recordEvent(app, request, "customer.updated", customer, previous);
      return customer;
    },
  }),
  route<Stripe.CustomerListParams>({
    method: "GET",
    path: "/v1/customers",
    spec: fields<Stripe.CustomerListParams>({ ...paginationSpec, email: "string", test_clock: "string" }),
    handle({ app, params, url }) {
      const items = app.store.customers
        .newestFirst()
        .filter((c) => params.email === undefined || c.email === params.email)
        .filter((c) => params.test_clock === undefined || c.test_clock === params.test_clock);
      return paginate(items, params, url, "customer");
    },
  }),
];
