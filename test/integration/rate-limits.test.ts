import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { startHarness, uniqueEmail, type Harness } from "../support/harness";
import { startCardSubscription } from "../../lib/billing/start-card-subscription";
import { startWalletSetup } from "../../lib/billing/start-wallet-setup";
import { ensureCatalogue } from "../../lib/catalogue/ensure-catalogue";
import { db } from "../../lib/db/client";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";

// Small limits for this process (read when a limiter is first used).
process.env.RATE_LIMIT_CONSENT_PER_IP = "4";
process.env.RATE_LIMIT_CONSENT_PER_EMAIL = "2";
process.env.RATE_LIMIT_STORE = "memory";

let h: Harness;
let usd: { id: string };
before(async () => {
  h = await startHarness();
  usd = (await ensureCatalogue(h.sdk)).find((p) => p.lookup_key === "stock_photos_monthly_usd")!;
});
after(async () => {
  await h.close();
});

function save(email: string, ipAddress: string) {
  return startWalletSetup(
    {
      submissionId: randomUUID(),
      email,
      wallet: "amazon_pay",
      locale: "en",
      termsVersion: CURRENT_TERMS_VERSION.save_wallet,
      plan: undefined,
    },
    { ipAddress, userAgent: "Mozilla/5.0 (burst)" },
  );
}

async function stripeCustomerCount(): Promise<number> {
  return (await h.sdk.customers.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).length;
}

async function ourCounts(emails: string[]) {
  return {
    customers: await db().customer.count({ where: { email: { in: emails } } }),
    consents: await db().mandateConsent.count({ where: { customer: { email: { in: emails } } } }),
  };
}

test("a burst from one address: the first few go on, the rest are refused and create nothing anywhere", async () => {
  const ip = "198.51.100.20";
  const emails = Array.from({ length: 12 }, () => uniqueEmail("burst"));
  const stripeBefore = await stripeCustomerCount();
  const results = await Promise.all(emails.map((email) => save(email, ip)));
  const refused = results.filter((r) => !r.ok);
  assert.equal(results.filter((r) => r.ok).length, 4, JSON.stringify(results));
  assert.equal(refused.length, 8);
  for (const r of refused) assert.ok(!r.ok && r.code === "rate_limited" && r.customerId === undefined);

  assert.deepEqual(await ourCounts(emails), { customers: 4, consents: 4 });
  assert.equal(await stripeCustomerCount(), stripeBefore + 4, "no Stripe customer for a refused submission");
  // Another address is not held back by this one's burst.
  assert.ok((await save(uniqueEmail("other-ip"), "198.51.100.21")).ok);
});

test("one email from many addresses is limited too; a card checkout is refused before Stripe is called", async () => {
  const email = uniqueEmail("one-email");
  assert.ok((await save(email, "198.51.100.30")).ok);
  assert.ok((await save(email, "198.51.100.31")).ok);
  const third = await save(email, "198.51.100.32");
  assert.equal(!third.ok && third.code, "rate_limited");

  const stripeBefore = await stripeCustomerCount();
  const consentsBefore = await db().mandateConsent.count({ where: { customer: { email } } });
  const card = await startCardSubscription(
    {
      submissionId: randomUUID(),
      email,
      locale: "de",
      termsVersion: CURRENT_TERMS_VERSION.deferred_subscription,
      plan: { priceId: usd.id, amountLabel: "15,00 $" },
      offer: "trial_14d",
      paymentMethodId: "pm_card_visa",
    },
    { ipAddress: "198.51.100.33", userAgent: "Mozilla/5.0 (burst)" },
  );
  assert.equal(!card.ok && card.code, "rate_limited");
  assert.equal(await db().mandateConsent.count({ where: { customer: { email } } }), consentsBefore);
  assert.equal(await stripeCustomerCount(), stripeBefore);
  for (const customer of (await h.sdk.customers.list({ email, limit: 100 })).data) {
    const subscriptions = await h.sdk.subscriptions.list({ customer: customer.id, status: "all" });
    assert.equal(subscriptions.data.length, 0, "no subscription was created");
  }
});

test("with RATE_LIMIT_STORE=database, two app instances share one budget", async () => {
  process.env.RATE_LIMIT_STORE = "database";
  const cache = globalThis as unknown as { rateLimiters?: Map<string, unknown> };
  const email = uniqueEmail("shared");
  const ip = "198.51.100.40";

  cache.rateLimiters = undefined; // instance A
  assert.ok((await save(email, ip)).ok);
  cache.rateLimiters = undefined; // instance B: a fresh process's limiters, same database
  assert.ok((await save(email, ip)).ok);
  cache.rateLimiters = undefined; // instance C
  const third = await save(email, ip);
  assert.equal(!third.ok && third.code, "rate_limited");
  assert.ok((await db().rateLimit.count()) >= 2, "counters are rows in the database");
  const keys = (await db().rateLimit.findMany({ select: { key: true } })).map((row) => row.key).join(" ");
  assert.ok(!keys.includes(email) && !keys.includes(ip), "no email or address in clear");
});
