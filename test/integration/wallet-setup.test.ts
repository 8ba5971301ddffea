import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { needsWebhooks } from "../support/target";
import { startHarness, eventually, uniqueEmail, type Harness } from "../support/harness";
import { clickWalletButton } from "../support/redirect-page";
import { startWalletSetup, type StartWalletSetupInput } from "../../lib/billing/start-wallet-setup";
import { completeWalletSetup } from "../../lib/billing/complete-wallet-setup";
import { consentHistory, findConsentById } from "../../lib/db/consents";
import { findCustomerByEmail } from "../../lib/db/customers";
import { CURRENT_TERMS_VERSION, renderTerms } from "../../lib/mandate/terms";
import type { Wallet } from "../../lib/mandate/wallets";

const browser = { ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (integration test)" };
let h: Harness;

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

function input(wallet: Wallet, overrides: Partial<StartWalletSetupInput> = {}): StartWalletSetupInput {
  return {
    submissionId: randomUUID(),
    email: uniqueEmail(wallet),
    wallet,
    locale: "ja",
    termsVersion: CURRENT_TERMS_VERSION.save_wallet,
    ...overrides,
  };
}

async function started(wallet: Wallet, overrides: Partial<StartWalletSetupInput> = {}) {
  const form = input(wallet, overrides);
  const result = await startWalletSetup(form, browser);
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.ok(result.ok && "redirectUrl" in result.next, "expected a wallet redirect");
  return {
    form,
    result: result as Extract<typeof result, { ok: true }>,
    next: result.next as { redirectUrl: string; clientSecret: string },
  };
}

function returnParams(location: URL) {
  return {
    consentId: location.searchParams.get("consent")!,
    setupIntentId: location.searchParams.get("setup_intent")!,
    clientSecret: location.searchParams.get("setup_intent_client_secret")!,
  };
}

for (const wallet of ["amazon_pay", "kakao_pay"] as const) {
  describe(`${wallet}: save the wallet under a mandate`, () => {
    test("authorized: the record becomes active with the mandate carrying our evidence", async () => {
      const { form, result, next } = await started(wallet);
      const pending = (await findConsentById(result.consentId))!;
      assert.equal(pending.status, "pending");
      assert.equal(pending.ipAddress, browser.ipAddress);
      assert.equal(pending.userAgent, browser.userAgent);
      assert.equal(pending.termsText, renderTerms({ purpose: "save_wallet", locale: "ja", wallet }).text);
      assert.equal(pending.termsLocale, "ja");

      const location = await clickWalletButton(next.redirectUrl, "Authorize test setup");
      assert.equal(location.pathname, "/save/return");
      assert.equal(location.searchParams.get("redirect_status"), "succeeded");

      const view = await completeWalletSetup(returnParams(location), result.customerId);
      assert.equal(view.kind, "record");
      assert.ok(view.kind === "record");
      assert.equal(view.status, "active");
      assert.match(view.paymentMethodId ?? "", /^pm_/);
      assert.match(view.mandateId ?? "", /^mandate_/);

      const mandate = await h.sdk.mandates.retrieve(view.mandateId!);
      assert.equal(mandate.status, "active");
      assert.equal(mandate.customer_acceptance.online?.ip_address, browser.ipAddress);
      assert.equal(mandate.customer_acceptance.online?.user_agent, browser.userAgent);
      const paymentMethod = await h.sdk.paymentMethods.retrieve(view.paymentMethodId!);
      assert.equal(paymentMethod.type, wallet);
      const customer = (await findCustomerByEmail(form.email))!;
      assert.equal(paymentMethod.customer, customer.stripeCustomerId);

      // The webhook for the same success arrives too; the history still shows one activation.
      await eventually(
        async () => (await h.sdk.events.list({ type: "setup_intent.succeeded", limit: 100 })).data.length > 0,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const history = await consentHistory(result.consentId);
      assert.deepEqual(
        history.map((row) => `${row.fromStatus ?? "-"}>${row.toStatus}`),
        ["->pending", "pending>active"],
      );
    });

    test("authorization failed: the record is failed with the reason, nothing is attached", async () => {
      const { result, next } = await started(wallet);
      const location = await clickWalletButton(next.redirectUrl, "Fail test setup");
      assert.equal(location.searchParams.get("redirect_status"), "failed");
      const view = await completeWalletSetup(returnParams(location), result.customerId);
      assert.ok(view.kind === "record");
      assert.equal(view.status, "failed");
      assert.ok(view.reason && view.reason.length > 0);
      assert.equal(view.paymentMethodId, null);
      const customer = (await findConsentById(result.consentId))!.customer;
      const methods = await h.sdk.paymentMethods.list({ customer: customer.stripeCustomerId! });
      assert.equal(methods.data.length, 0);
    });
  });
}

describe("repeats and forgeries", () => {
  test("a double submit creates one customer, one record and one SetupIntent", async () => {
    const form = input("amazon_pay");
    const [first, second] = await Promise.all([startWalletSetup(form, browser), startWalletSetup(form, browser)]);
    assert.ok(first.ok && second.ok, JSON.stringify([first, second]));
    assert.equal(first.consentId, second.consentId);
    const customer = (await findCustomerByEmail(form.email))!;
    const stripeCustomers = await h.sdk.customers.list({ email: form.email });
    assert.equal(stripeCustomers.data.length, 1);
    assert.equal(stripeCustomers.data[0]!.id, customer.stripeCustomerId);
    const intents = await h.sdk.setupIntents.list({ customer: customer.stripeCustomerId! });
    assert.equal(intents.data.length, 1);
  });

  test("reloading the return page changes nothing", async () => {
    const { result, next } = await started("kakao_pay");
    const location = await clickWalletButton(next.redirectUrl, "Authorize test setup");
    const once = await completeWalletSetup(returnParams(location), result.customerId);
    const twice = await completeWalletSetup(returnParams(location), result.customerId);
    assert.deepEqual(twice, once);
    assert.equal((await consentHistory(result.consentId)).length, 2);
  });

  test("a forged client secret, a foreign session or another intent is refused and changes nothing", async () => {
    const { result, next } = await started("amazon_pay");
    const location = await clickWalletButton(next.redirectUrl, "Authorize test setup");
    const params = returnParams(location);

    const forged = await completeWalletSetup(
      { ...params, clientSecret: `${params.setupIntentId}_secret_forged` },
      null,
    );
    assert.deepEqual(forged, { kind: "refused", reason: "mismatch" });
    const foreign = await completeWalletSetup(params, "someone-else");
    assert.deepEqual(foreign, { kind: "refused", reason: "other_session" });
    const other = await started("amazon_pay");
    const swapped = await completeWalletSetup({ ...params, consentId: other.result.consentId }, null);
    assert.deepEqual(swapped, { kind: "refused", reason: "mismatch" });
    const unknown = await completeWalletSetup({ ...params, consentId: "nope" }, null);
    assert.deepEqual(unknown, { kind: "refused", reason: "unknown" });

    // The refused calls touched neither record.
    assert.equal((await findConsentById(other.result.consentId))!.status, "pending");
    const legit = await completeWalletSetup(params, result.customerId);
    assert.ok(legit.kind === "record" && legit.status === "active");
  });

  test("terms that changed since the page loaded are refused before anything is written", async () => {
    const form = input("amazon_pay", { termsVersion: "1999-01-01" });
    const result = await startWalletSetup(form, browser);
    assert.deepEqual(result.ok, false);
    assert.ok(!result.ok && result.code === "terms_changed");
    assert.equal(await findCustomerByEmail(form.email), null);
  });
});

describe("webhooks", () => {
  test("detaching the wallet revokes the record through payment_method.detached and mandate.updated", async (t) => {
    if (needsWebhooks(t)) return;
    const { result, next } = await started("amazon_pay");
    const location = await clickWalletButton(next.redirectUrl, "Authorize test setup");
    const view = await completeWalletSetup(returnParams(location), result.customerId);
    assert.ok(view.kind === "record" && view.paymentMethodId);

    await h.sdk.paymentMethods.detach(view.paymentMethodId);
    const revoked = await eventually(async () => {
      const consent = await findConsentById(result.consentId);
      return consent?.status === "revoked" ? consent : null;
    });
    assert.ok(revoked.statusReason);
    const history = await consentHistory(result.consentId);
    assert.deepEqual(
      history.map((row) => row.toStatus),
      ["pending", "active", "revoked"],
    );
    assert.ok(history[2]!.stripeEventId?.startsWith("evt_"));
  });
});
