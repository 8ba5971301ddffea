import { findCustomerById } from "@/lib/db/customers";
import { listSubscriptionsOfCustomer } from "@/lib/db/subscriptions";
import { env } from "@/lib/env";
import { describeStripeError } from "@/lib/stripe/errors";
import { stripe } from "@/lib/stripe/server";
import { syncInvoice, syncSubscription } from "./sync-subscription";

export type AdvanceResult = { ok: true; frozenTime: number } | { ok: false; error: string };

/**
 * The developer control of local and test mode: moves the customer's test clock
 * forward, so Stripe ends trials and renews subscriptions, charging the saved
 * method off-session; then stores every invoice that produced. Webhooks carry
 * the same news; both paths converge on the same rows.
 */
export async function advanceCustomerClock(customerId: string, days: number): Promise<AdvanceResult> {
  if (!env().useTestClocks) return { ok: false, error: "Test clocks are off." };
  const customer = await findCustomerById(customerId);
  if (!customer?.testClockId) return { ok: false, error: "This customer has no test clock." };
  const clock = await stripe().testHelpers.testClocks.retrieve(customer.testClockId);
  const target = clock.frozen_time + days * 86_400;
  try {
    await stripe().testHelpers.testClocks.advance(
      clock.id,
      { frozen_time: target },
      { idempotencyKey: `clock-advance:${clock.id}:${target}` },
    );
  } catch (error) {
    return { ok: false, error: describeStripeError(error).message };
  }
  for (let i = 0; i < 50; i++) {
    if ((await stripe().testHelpers.testClocks.retrieve(clock.id)).status === "ready") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const row of await listSubscriptionsOfCustomer(customerId)) {
    await syncSubscription(row.stripeSubscriptionId);
    const invoices = await stripe().invoices.list({ subscription: row.stripeSubscriptionId, limit: 100 });
    for (const invoice of invoices.data) await syncInvoice(row.id, invoice.id);
  }
  return { ok: true, frozenTime: target };
}

export async function customerClockTime(testClockId: string | null): Promise<Date | null> {
  if (!testClockId || !env().useTestClocks) return null;
  try {
    return new Date((await stripe().testHelpers.testClocks.retrieve(testClockId)).frozen_time * 1000);
  } catch {
    return null;
  }
}
