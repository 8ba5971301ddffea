import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import Stripe from "stripe";
import { eventually, startHarness, uniqueEmail, type Harness } from "../support/harness";
import { clickWalletButton } from "../support/redirect-page";
import { BROWSER } from "../support/flows";
import { startWalletSetup } from "../../lib/billing/start-wallet-setup";
import { completeWalletSetup } from "../../lib/billing/complete-wallet-setup";
import { consentHistory, findConsentById } from "../../lib/db/consents";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";

let h: Harness;
let browserStripe: Stripe;
before(async () => {
  h = await startHarness();
  // What Stripe.js does in the customer's browser, with the publishable key and the client secret only.
  browserStripe = h.browserSdk;
});
after(async () => {
  await h.close();
});

/** stripe.confirmAmazonPaySetup(clientSecret, { return_url, mandate_data: infer_from_client }). */
function confirmAmazonPaySetup(clientSecret: string, returnUrl: string) {
  const id = clientSecret.split("_secret_")[0]!;
  const params = {
    client_secret: clientSecret,
    return_url: returnUrl,
    payment_method_data: { type: "amazon_pay" },
    mandate_data: { customer_acceptance: { type: "online", online: { infer_from_client: true } } },
  } as unknown as Stripe.SetupIntentConfirmParams;
  return browserStripe.setupIntents.confirm(id, params);
}

async function startedInBrowser(email = uniqueEmail("stripejs")) {
  const result = await startWalletSetup(
    {
      submissionId: randomUUID(),
      email,
      wallet: "amazon_pay",
      locale: "en",
      termsVersion: CURRENT_TERMS_VERSION.save_wallet,
      confirm: "browser",
    },
    BROWSER,
  );
  assert.ok(result.ok && "confirmInBrowser" in result.next, JSON.stringify(result));
  return { result, ...result.next.confirmInBrowser };
}

function returnParams(location: URL) {
  return {
    consentId: location.searchParams.get("consent")!,
    setupIntentId: location.searchParams.get("setup_intent")!,
    clientSecret: location.searchParams.get("setup_intent_client_secret")!,
  };
}

describe("Amazon Pay saved through Stripe.js (seed 000)", () => {
  test("the server creates the SetupIntent unconfirmed; the browser confirms; the mandate is active and charged off-session", async () => {
    const { result, clientSecret, returnUrl } = await startedInBrowser();
    const consent = (await findConsentById(result.consentId))!;
    assert.equal(consent.status, "pending");
    const created = await h.sdk.setupIntents.retrieve(consent.setupIntentId!);
    assert.equal(created.status, "requires_payment_method");
    assert.equal(created.usage, "off_session");
    assert.equal(created.customer, consent.customer.stripeCustomerId);
    assert.deepEqual(created.allowed_payment_method_types, ["amazon_pay"]);
    assert.equal(created.client_secret, clientSecret);
    assert.equal(returnUrl, `http://localhost:3999/save/return?consent=${consent.id}`);

    const confirmed = await confirmAmazonPaySetup(clientSecret, returnUrl);
    assert.equal(confirmed.status, "requires_action");
    const location = await clickWalletButton(confirmed.next_action!.redirect_to_url!.url!, "Authorize test setup");
    assert.equal(location.pathname, "/save/return");

    const view = await completeWalletSetup(returnParams(location), result.customerId);
    assert.ok(view.kind === "record" && view.status === "active", JSON.stringify(view));
    const mandate = await h.sdk.mandates.retrieve(view.mandateId!);
    assert.equal(mandate.status, "active");
    // infer_from_client: the evidence Stripe keeps is that of the browser that confirmed.
    assert.match(mandate.customer_acceptance.online?.user_agent ?? "", /Stripe\/v1 NodeBindings/);

    const charge = await h.sdk.paymentIntents.create(
      {
        amount: 1000,
        currency: "usd",
        customer: consent.customer.stripeCustomerId!,
        payment_method: view.paymentMethodId!,
        allowed_payment_method_types: ["amazon_pay"],
        confirm: true,
        off_session: true,
      },
      { idempotencyKey: `test-off-session:${view.paymentMethodId}` },
    );
    assert.equal(charge.status, "succeeded");
    // The webhook converges on the same record; nothing is recorded twice.
    await eventually(async () => (await consentHistory(consent.id)).length === 2);
    assert.deepEqual(
      (await consentHistory(consent.id)).map((row) => row.toStatus),
      ["pending", "active"],
    );
  });

  test("a repeated submit gets the same SetupIntent back", async () => {
    const submissionId = randomUUID();
    const input = {
      submissionId,
      email: uniqueEmail("stripejs-twice"),
      wallet: "amazon_pay" as const,
      locale: "en" as const,
      termsVersion: CURRENT_TERMS_VERSION.save_wallet,
      confirm: "browser" as const,
    };
    const [first, second] = await Promise.all([startWalletSetup(input, BROWSER), startWalletSetup(input, BROWSER)]);
    assert.ok(first.ok && second.ok);
    assert.deepEqual(first.next, second.next);
    const consent = (await findConsentById(first.consentId))!;
    assert.equal((await h.sdk.setupIntents.list({ customer: consent.customer.stripeCustomerId! })).data.length, 1);
  });

  test("failed in the wallet, then a new attempt succeeds", async () => {
    const email = uniqueEmail("stripejs-retry");
    const first = await startedInBrowser(email);
    const confirmed = await confirmAmazonPaySetup(first.clientSecret, first.returnUrl);
    const failedAt = await clickWalletButton(confirmed.next_action!.redirect_to_url!.url!, "Fail test setup");
    const failed = await completeWalletSetup(returnParams(failedAt), first.result.customerId);
    assert.ok(failed.kind === "record" && failed.status === "failed");

    const retry = await startedInBrowser(email);
    assert.equal(retry.result.customerId, first.result.customerId);
    const again = await confirmAmazonPaySetup(retry.clientSecret, retry.returnUrl);
    const okAt = await clickWalletButton(again.next_action!.redirect_to_url!.url!, "Authorize test setup");
    const view = await completeWalletSetup(returnParams(okAt), retry.result.customerId);
    assert.ok(view.kind === "record" && view.status === "active");
  });
});
