import { sameSecret } from "@/lib/http/same-secret";
import { findSubscriptionById, refreshSubscription, snapshotOf } from "@/lib/db/subscriptions";
import { stripe } from "@/lib/stripe/server";
import { describeStripeError, type FailureCode } from "@/lib/stripe/errors";
import { failureCodeOf } from "@/lib/stripe/failure-reasons";
import { invoiceWithPaymentIntent } from "@/lib/stripe/invoice-payment";
import { recordInvoice } from "@/lib/db/subscription-payments";

export type PaymentReturnView =
  | { kind: "subscription"; subscriptionId: string; status: string; paymentStatus: string; failure: string | null }
  | { kind: "refused"; reason: "unknown" | "mismatch" | "other_session" }
  | { kind: "unavailable"; code: FailureCode; message: string };

/**
 * The first payment's return_url (Kakao Pay's second redirect). As with the
 * SetupIntent, the query string only says where to look: the PaymentIntent must
 * be this subscription's first invoice's, and the browser must hold its secret.
 */
export async function completeFirstPayment(
  params: { subscriptionId: string; paymentIntentId: string; clientSecret: string },
  sessionCustomerId: string | null,
): Promise<PaymentReturnView> {
  const row = await findSubscriptionById(params.subscriptionId);
  if (!row) return { kind: "refused", reason: "unknown" };
  if (sessionCustomerId && sessionCustomerId !== row.customerId) return { kind: "refused", reason: "other_session" };
  try {
    // The first invoice's own PaymentIntent; the one the query names must be it.
    const { invoice, intent } = row.latestInvoiceId
      ? await invoiceWithPaymentIntent(row.latestInvoiceId)
      : { invoice: null, intent: null };
    if (
      !intent ||
      intent.id !== params.paymentIntentId ||
      intent.customer !== row.customer.stripeCustomerId ||
      !sameSecret(intent.client_secret, params.clientSecret)
    ) {
      return { kind: "refused", reason: "mismatch" };
    }
    const subscription = await stripe().subscriptions.retrieve(row.stripeSubscriptionId, {
      expand: ["items.data.price"],
    });
    await refreshSubscription(snapshotOf(subscription));
    if (invoice) await recordInvoice(row.id, invoice, intent);
    return {
      kind: "subscription",
      subscriptionId: row.id,
      status: subscription.status,
      paymentStatus: intent.status,
      failure:
        intent.status === "requires_payment_method"
          ? (failureCodeOf(intent.last_payment_error) ?? "payment_method_customer_decline")
          : null,
    };
  } catch (error) {
    const { code, message } = describeStripeError(error);
    return { kind: "unavailable", code, message };
  }
}
