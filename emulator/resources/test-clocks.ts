/**
 * /v1/test_helpers/test_clocks.
 *
 * Customers created with `test_clock=clock_…` live on the clock's time: every
 * timestamp of theirs (subscriptions, invoices, intents made for them) and
 * every billing computation uses the clock's `frozen_time` (see `nowFor`).
 * Advancing runs what falls due in between, in time order (trial ends,
 * renewals, period-end cancellations; see renewals.ts), synchronously: the
 * response shows `status: "advancing"`, the clock is `ready` by the time it
 * returns, with `test_helpers.test_clock.advancing` / `.ready` events around it.
 */
import type Stripe from "stripe";
import type { App } from "../app.js";
import { route, type Ctx } from "../http/router.js";
import { fields, required } from "../http/params.js";
import { invalidRequest, parameterInvalid } from "../http/errors.js";
import { newId, nowSeconds } from "../ids.js";
import { paginate, paginationSpec } from "../list.js";
import { changedAttributes, NO_REQUEST, recordEvent } from "../events.js";
import { emptyToNull, idOf, mustGet } from "./common.js";
import { advanceClockTo, advanceLimit } from "./renewals.js";
import { deleteCustomer } from "./customers.js";
import { expireDueCheckoutSessions } from "./checkout-sessions.js";

type TestClock = Stripe.TestHelpers.TestClock;

/** Stripe deletes a test clock (and its objects) 7 days after creation. */
const DELETES_AFTER_SECONDS = 7 * 86_400;

export function getTestClock(app: App, id: string, param = "id"): TestClock {
  return mustGet(app.store.testClocks, id, "test_clock", param);
}

/**
 * "Now" for a customer: its test clock's frozen_time, or real time. Accepts
 * the customer, its id, or null (no customer → real time).
 */
export function nowFor(
  app: App,
  customer: Stripe.Customer | Stripe.DeletedCustomer | string | null | undefined,
): number {
  const c = typeof customer === "string" ? app.store.customers.get(customer) : customer;
  const clockId = c && !c.deleted ? idOf(c.test_clock) : null;
  const clock = clockId ? app.store.testClocks.get(clockId) : undefined;
  return clock ? clock.frozen_time : nowSeconds();
}

function customersOf(app: App, clockId: string): Stripe.Customer[] {
  return app.store.customers.newestFirst().filter((c) => idOf(c.test_clock) === clockId);
}

function advance(ctx: Ctx<Stripe.TestHelpers.TestClockAdvanceParams>): TestClock {
  const { app, params, path, request } = ctx;
  const clock = getTestClock(app, path.id);
  if (clock.status !== "ready") {
    throw invalidRequest(
      `The test clock ${clock.id} is ${clock.status}; wait until it is ready before advancing it again.`,
      {
        code: "test_clock_not_ready",
      },
    );
  }
  const target = params.frozen_time;
  if (target <= clock.frozen_time) {
    throw parameterInvalid(
      "frozen_time",
      `The frozen_time must be after the test clock's current frozen_time (${clock.frozen_time}).`,
    );
  }
  const limit = advanceLimit(app, clock);
  if (target > limit) {
    throw parameterInvalid(
      "frozen_time",
      `Cannot advance the test clock more than two intervals past the shortest subscription in it (at most ${limit}), or more than two years when it has none.`,
    );
  }
  const before = structuredClone(clock);
  clock.status = "advancing";
  clock.status_details = { advancing: { target_frozen_time: target } };
  const advancing = structuredClone(clock);
  recordEvent(app, request, "test_helpers.test_clock.advancing", clock, changedAttributes(before, clock));
  try {
    // What falls due happens on its own, not in this request: events carry no request id.
    advanceClockTo({ ...ctx, request: NO_REQUEST }, clock, target);
  } finally {
    const during = structuredClone(clock);
    clock.frozen_time = target;
    // Checkout Sessions of the clock's customers expire on its time.
    expireDueCheckoutSessions(app);
    clock.status = "ready";
    clock.status_details = {};
    recordEvent(app, NO_REQUEST, "test_helpers.test_clock.ready", clock, changedAttributes(during, clock));
  }
  return advancing;
}

export const testClockRoutes = [
  route<Stripe.TestHelpers.TestClockCreateParams>({
    method: "POST",
    path: "/v1/test_helpers/test_clocks",
    spec: fields<Stripe.TestHelpers.TestClockCreateParams>({ frozen_time: required("integer"), name: "string" }),
    handle({ app, params, request }) {
      const created = nowSeconds();
      const clock: TestClock = {
        id: newId("clock"),
        object: "test_helpers.test_clock",
        created,
        deletes_after: created + DELETES_AFTER_SECONDS,
        frozen_time: params.frozen_time,
        livemode: false,
        name: emptyToNull(params.name),
        status: "ready",
        status_details: {},
      };
      app.store.testClocks.insert(clock);
      recordEvent(app, request, "test_helpers.test_clock.created", clock);
      return clock;
    },
  }),
  route<Stripe.TestHelpers.TestClockRetrieveParams>({
    method: "GET",
    path: "/v1/test_helpers/test_clocks/:id",
    spec: fields<Stripe.TestHelpers.TestClockRetrieveParams>({}),
    handle: ({ app, path }) => getTestClock(app, path.id),
  }),
  route<Stripe.TestHelpers.TestClockListParams>({
    method: "GET",
    path: "/v1/test_helpers/test_clocks",
    spec: fields<Stripe.TestHelpers.TestClockListParams>({ ...paginationSpec }),
    handle: ({ app, params, url }) => paginate(app.store.testClocks.newestFirst(), params, url, "test_clock"),
  }),
  route<Stripe.TestHelpers.TestClockAdvanceParams>({
    method: "POST",
    path: "/v1/test_helpers/test_clocks/:id/advance",
    spec: fields<Stripe.TestHelpers.TestClockAdvanceParams>({ frozen_time: required("integer") }),
    handle: advance,
  }),
  route<Stripe.TestHelpers.TestClockDeleteParams>({
    method: "DELETE",
    path: "/v1/test_helpers/test_clocks/:id",
    spec: fields<Stripe.TestHelpers.TestClockDeleteParams>({}),
    handle({ app, path, request }): Stripe.TestHelpers.DeletedTestClock {
      const clock = getTestClock(app, path.id);
      // Deleting a clock deletes what lives on it: customers (and so their subscriptions).
      for (const customer of customersOf(app, clock.id)) deleteCustomer(app, request, customer);
      app.store.testClocks.delete(clock.id);
      recordEvent(app, request, "test_helpers.test_clock.deleted", clock);
      return { id: clock.id, object: "test_helpers.test_clock", deleted: true };
    },
  }),
];
