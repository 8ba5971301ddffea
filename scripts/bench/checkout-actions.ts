/**
 * One subscribe flow at the server-action level: the same lib calls the
 * subscribe action and the return pages make, in this process, each step timed
 * with its own Stripe calls attributed (./stripe-attribution.ts). The wallet's
 * authorization page (the emulator's) is clicked between steps, untimed.
 */
import { randomUUID } from "node:crypto";
import { auth } from "../../lib/auth/auth";
import { completeWalletSetup } from "../../lib/billing/complete-wallet-setup";
import { completeFirstPayment } from "../../lib/billing/payment-return";
import { startWalletSetup } from "../../lib/billing/start-wallet-setup";
import { subscribeWithConsent } from "../../lib/billing/subscribe";
import { findPlan } from "../../lib/catalogue/load-plans";
import { formatMoney } from "../../lib/catalogue/money";
import { findOrCreateCustomerOfNewUser } from "../../lib/db/customers";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";
import type { Wallet } from "../../lib/mandate/wallets";
import { clickWalletButton } from "../../test/support/redirect-page";
import { PLAN_OF, STEPS, type Recorder } from "./checkout-steps";
import { measureStep } from "./stripe-attribution";

const BROWSER = { ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (bench:checkout)" };

export async function actionFlow(wallet: Wallet, email: string, record: Recorder): Promise<void> {
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const { result, sample } = await measureStep(work);
    record(step, sample);
    return result;
  };

  // subscribeAction: the plan, the checkout account for a new email, then consent + customer + SetupIntent.
  const started = await timed(STEPS.consent, async () => {
    const plan = (await findPlan(PLAN_OF[wallet]))!;
    const created = await auth().api.createCheckoutAccount({ body: { email }, headers: new Headers() });
    if (!created.created) throw new Error(`account for ${email} not created`);
    await findOrCreateCustomerOfNewUser(email, "en", created.userId);
    return startWalletSetup(
      {
        submissionId: randomUUID(),
        email,
        wallet,
        locale: "en",
        termsVersion: CURRENT_TERMS_VERSION.subscription,
        plan: { priceId: plan.priceId, amountLabel: formatMoney(plan.unitAmount, plan.currency, "en"), offer: null },
      },
      BROWSER,
    );
  });
  if (!started.ok || !("redirectUrl" in started.next)) throw new Error(JSON.stringify(started));
  const back = await clickWalletButton(started.next.redirectUrl, "Authorize test setup");

  // /subscribe/return: verify and record the SetupIntent, then the subscription on the saved wallet.
  const outcome = await timed(STEPS.setupReturn, async () => {
    const view = await timed(STEPS.verify, () =>
      completeWalletSetup(
        {
          consentId: started.consentId,
          setupIntentId: back.searchParams.get("setup_intent")!,
          clientSecret: back.searchParams.get("setup_intent_client_secret")!,
        },
        started.customerId,
      ),
    );
    if (view.kind !== "record" || view.status !== "active") throw new Error(JSON.stringify(view));
    return timed(STEPS.subscribe, () => subscribeWithConsent(view.consentId));
  });
  if (outcome.kind !== "subscription") throw new Error(JSON.stringify(outcome));
  if (wallet === "amazon_pay") {
    if (outcome.status !== "active") throw new Error(`Amazon Pay subscription ${outcome.status}`);
    return;
  }

  // Kakao Pay: the first invoice's payment is approved on the wallet's page, then /subscribe/payment-return.
  if (outcome.payment.kind !== "redirect") throw new Error(JSON.stringify(outcome.payment));
  const location = await clickWalletButton(outcome.payment.redirectUrl, "Authorize test payment");
  const view = await timed(STEPS.paymentReturn, () =>
    completeFirstPayment(
      {
        subscriptionId: location.searchParams.get("subscription")!,
        paymentIntentId: location.searchParams.get("payment_intent")!,
        clientSecret: location.searchParams.get("payment_intent_client_secret")!,
      },
      started.customerId,
    ),
  );
  if (view.kind !== "subscription" || view.status !== "active") throw new Error(JSON.stringify(view));
}
