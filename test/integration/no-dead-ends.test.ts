import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { advanceCustomerClock } from "../../lib/billing/advance-clock";
import { cancelSubscription, resumeSubscription } from "../../lib/billing/cancel-subscription";
import { completeWalletSetup } from "../../lib/billing/complete-wallet-setup";
import { completeFirstPayment } from "../../lib/billing/payment-return";
import { applyReplacement, startMethodReplacement } from "../../lib/billing/replace-method";
import { revokeWallet } from "../../lib/billing/revoke-wallet";
import { subscribeWithConsent } from "../../lib/billing/subscribe";
import { db } from "../../lib/db/client";
import { findConsentById } from "../../lib/db/consents";
import { findSubscriptionById } from "../../lib/db/subscriptions";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";
import type { Wallet } from "../../lib/mandate/wallets";
import {
  BROWSER,
  authorizedSubscriptionConsent,
  cardSubscription,
  paymentReturnParams,
  walletTrialConsent,
} from "../support/flows";
import { startHarness, type Harness } from "../support/harness";
import { clickWalletButton } from "../support/redirect-page";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

const charges = (subscriptionId: string) =>
  db().subscriptionPayment.findMany({ where: { subscriptionId }, orderBy: { invoiceCreated: "asc" } });

/** The customer picks `wallet` on the fix page, agrees, and authorizes it on the wallet's page. */
async function replaceWith(customerId: string, subscriptionId: string, wallet: Wallet, submissionId = randomUUID()) {
  const started = await startMethodReplacement(
    {
      customerId,
      subscriptionId,
      submissionId,
      wallet,
      locale: "ja",
      termsVersion: CURRENT_TERMS_VERSION.replace_method,
    },
    BROWSER,
  );
  assert.ok(started.ok && "redirectUrl" in started.next, JSON.stringify(started));
  const back = await clickWalletButton(started.next.redirectUrl, "Authorize test setup");
  assert.equal(back.pathname, `/account/subscriptions/${subscriptionId}/fix/return`);
  const view = await completeWalletSetup(
    {
      consentId: back.searchParams.get("consent")!,
      setupIntentId: back.searchParams.get("setup_intent")!,
      clientSecret: back.searchParams.get("setup_intent_client_secret")!,
    },
    customerId,
  );
  assert.ok(view.kind === "record" && view.status === "active", JSON.stringify(view));
  return started.consentId;
}

describe("fixing a failed payment from the account", () => {
  test("past due card → Amazon Pay with a new mandate → the open invoice is paid on-session → active", async () => {
    const started = await cardSubscription(h.sdk, "pm_card_chargeCustomerFail");
    assert.ok(started.ok);
    assert.ok((await advanceCustomerClock(started.customerId, 15)).ok);
    const row = (await findSubscriptionById(started.subscriptionId))!;
    assert.equal(row.status, "past_due");
    const failed = (await charges(row.id)).find((c) => c.amountDue > 0)!;
    assert.equal(failed.failureCode, "generic_decline");

    const consentId = await replaceWith(started.customerId, row.id, "amazon_pay");
    const consent = (await findConsentById(consentId))!;
    assert.equal(consent.purpose, "replace_method");
    assert.equal(consent.forSubscriptionId, row.id);
    assert.equal(consent.termsLocale, "ja");

    const outcome = await applyReplacement(consentId);
    assert.ok(outcome.kind === "replaced" && outcome.payment.kind === "redirect", JSON.stringify(outcome));
    // A reload converges on the same confirmation (same PaymentIntent, same redirect).
    const again = await applyReplacement(consentId);
    assert.deepEqual(again, outcome);

    const paid = await clickWalletButton(outcome.payment.redirectUrl, "Authorize test payment");
    const view = await completeFirstPayment(paymentReturnParams(paid), started.customerId);
    assert.ok(view.kind === "subscription" && view.status === "active", JSON.stringify(view));

    const after = (await findSubscriptionById(row.id))!;
    assert.equal(after.status, "active");
    assert.equal(after.paymentConsentId, consentId);
    const settled = (await charges(row.id)).find((c) => c.id === failed.id)!;
    assert.equal(settled.status, "paid");
    assert.ok(settled.hostedInvoiceUrl?.includes("/i/test_"));

    const subscription = await h.sdk.subscriptions.retrieve(row.stripeSubscriptionId);
    assert.equal(subscription.default_payment_method, consent.paymentMethodId);
    assert.deepEqual(subscription.payment_settings?.payment_method_types, ["amazon_pay"]);
    const customer = await h.sdk.customers.retrieve(consent.customer.stripeCustomerId!);
    assert.ok(!("deleted" in customer) && customer.invoice_settings.default_payment_method === consent.paymentMethodId);

    // The next renewal is charged off-session under the new mandate.
    assert.ok((await advanceCustomerClock(started.customerId, 31)).ok);
    const renewals = (await charges(row.id)).filter((c) => c.amountDue > 0);
    assert.equal(renewals.length, 2);
    assert.ok(renewals.every((c) => c.status === "paid"));
  });

  test("a replacement is refused for someone else's subscription, and a double submit makes one consent", async () => {
    const mine = await cardSubscription(h.sdk, "pm_card_visa");
    const other = await cardSubscription(h.sdk, "pm_card_visa");
    assert.ok(mine.ok && other.ok);
    const refused = await startMethodReplacement(
      {
        customerId: mine.customerId,
        subscriptionId: other.subscriptionId,
        submissionId: randomUUID(),
        wallet: "amazon_pay",
        locale: "en",
        termsVersion: CURRENT_TERMS_VERSION.replace_method,
      },
      BROWSER,
    );
    assert.equal(refused.ok, false);
    const kakaoForUsd = await startMethodReplacement(
      {
        customerId: mine.customerId,
        subscriptionId: mine.subscriptionId,
        submissionId: randomUUID(),
        wallet: "kakao_pay",
        locale: "en",
        termsVersion: CURRENT_TERMS_VERSION.replace_method,
      },
      BROWSER,
    );
    assert.equal(kakaoForUsd.ok, false);

    const submissionId = randomUUID();
    const input = {
      customerId: mine.customerId,
      subscriptionId: mine.subscriptionId,
      submissionId,
      wallet: "amazon_pay" as const,
      locale: "en" as const,
      termsVersion: CURRENT_TERMS_VERSION.replace_method,
    };
    const [a, b] = await Promise.all([startMethodReplacement(input, BROWSER), startMethodReplacement(input, BROWSER)]);
    assert.ok(a.ok && b.ok && a.consentId === b.consentId);
    assert.equal(await db().mandateConsent.count({ where: { submissionId } }), 1);
  });

  test("an active subscription's method is replaced without charging anything", async () => {
    const { consentId, customerId } = await walletTrialConsent(h.sdk, "amazon_pay");
    const outcome = await subscribeWithConsent(consentId);
    assert.ok(outcome.kind === "subscription");
    const replacement = await replaceWith(customerId, outcome.subscriptionId, "amazon_pay");
    const applied = await applyReplacement(replacement);
    assert.ok(applied.kind === "replaced" && applied.payment.kind === "paid", JSON.stringify(applied));
    assert.equal((await charges(outcome.subscriptionId)).filter((c) => c.amountPaid > 0).length, 0);
    // The old wallet no longer pays anything, so it is revoked without a warning.
    assert.deepEqual(await revokeWallet(customerId, consentId), { ok: true });
    assert.ok((await advanceCustomerClock(customerId, 15)).ok);
    assert.equal((await findSubscriptionById(outcome.subscriptionId))!.status, "active");
  });
});

describe("an unfinished Kakao Pay first payment", () => {
  test("is continued from the account with the same PaymentIntent", async () => {
    const { consentId, customerId } = await authorizedSubscriptionConsent(h.sdk, "kakao_pay");
    const first = await subscribeWithConsent(consentId);
    assert.ok(first.kind === "subscription" && first.payment.kind === "redirect");
    // The tab was closed on Kakao Pay's page. Later, "Complete the payment" on the account page:
    const resumed = await subscribeWithConsent(consentId);
    assert.ok(resumed.kind === "subscription" && resumed.payment.kind === "redirect");
    assert.equal(resumed.payment.clientSecret, first.payment.clientSecret);
    const back = await clickWalletButton(resumed.payment.redirectUrl, "Authorize test payment");
    const view = await completeFirstPayment(paymentReturnParams(back), customerId);
    assert.ok(view.kind === "subscription" && view.status === "active", JSON.stringify(view));
  });
});

describe("revoking and cancelling", () => {
  test("revoking a method that pays a live subscription is refused until the customer chooses", async () => {
    const { consentId, customerId } = await walletTrialConsent(h.sdk, "kakao_pay");
    const outcome = await subscribeWithConsent(consentId);
    assert.ok(outcome.kind === "subscription");
    assert.deepEqual(await revokeWallet(customerId, consentId), { ok: false, paysSubscriptions: true });
    assert.equal((await findConsentById(consentId))!.status, "active");

    assert.deepEqual(await revokeWallet(customerId, consentId, { cancelSubscriptions: true }), { ok: true });
    assert.equal((await findConsentById(consentId))!.status, "revoked");
    const row = (await findSubscriptionById(outcome.subscriptionId))!;
    assert.equal(row.cancelAtPeriodEnd, true);
    assert.ok((await advanceCustomerClock(customerId, 15)).ok);
    assert.equal((await findSubscriptionById(outcome.subscriptionId))!.status, "canceled");
  });

  test("a cancel at period end can be resumed, and scheduled again", async () => {
    const started = await cardSubscription(h.sdk, "pm_card_visa");
    assert.ok(started.ok);
    const scheduled = await cancelSubscription(started.customerId, started.subscriptionId, "period_end");
    assert.ok(scheduled.ok && scheduled.cancelAtPeriodEnd);
    const resumed = await resumeSubscription(started.customerId, started.subscriptionId);
    assert.ok(resumed.ok && !resumed.cancelAtPeriodEnd);
    const again = await cancelSubscription(started.customerId, started.subscriptionId, "period_end");
    assert.ok(again.ok && again.cancelAtPeriodEnd, "a second schedule is a new request, not a replay");
    const row = (await findSubscriptionById(started.subscriptionId))!;
    assert.equal((await h.sdk.subscriptions.retrieve(row.stripeSubscriptionId)).cancel_at_period_end, true);
    assert.equal((await resumeSubscription("someone-else", started.subscriptionId)).ok, false);
  });
});
