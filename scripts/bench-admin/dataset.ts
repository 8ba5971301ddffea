/**
 * The benchmark's synthetic dataset: customers, consents with their history,
 * subscriptions and invoice payments, in a realistic mix, generated
 * deterministically (same seed, same rows) so SQLite and PostgreSQL hold the
 * same data. Rows come out in batches, never all at once.
 */
import { renderTerms, type TermsPurpose } from "../../lib/mandate/terms";
import type { PaymentMethodKind } from "../../lib/mandate/wallets";
import type { Locale } from "../../lib/i18n/locales";

export const DAY_MS = 24 * 60 * 60 * 1000;

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  let r = random();
  for (const [value, weight] of weighted) {
    if ((r -= weight) < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

const FIRST = [
  "anna",
  "ben",
  "chloe",
  "daniel",
  "emma",
  "felix",
  "hana",
  "jisoo",
  "kenji",
  "lena",
  "minjun",
  "noah",
  "olivia",
  "paul",
  "sakura",
  "seoyeon",
  "tom",
  "yuki",
  "lukas",
  "mia",
];
const LAST = [
  "kim",
  "lee",
  "park",
  "sato",
  "suzuki",
  "tanaka",
  "mueller",
  "schmidt",
  "smith",
  "jones",
  "brown",
  "weber",
  "choi",
  "ito",
  "fischer",
];
const DOMAINS = ["example.com", "example.org", "example.net", "mail.example.jp", "example.kr", "example.de"];

export interface CustomerRow {
  id: string;
  email: string;
  stripeCustomerId: string;
  locale: string;
  createdAt: Date;
}

export interface ConsentRow {
  id: string;
  submissionId: string;
  customerId: string;
  paymentMethodType: string;
  purpose: string;
  termsVersion: string;
  termsLocale: string;
  termsText: string;
  termsSha256: string;
  acceptedAt: Date;
  ipAddress: string;
  userAgent: string;
  status: string;
  statusReason: string | null;
  setupIntentId: string;
  paymentMethodId: string | null;
  mandateId: string | null;
  priceId: string | null;
  createdAt: Date;
}

export interface HistoryRow {
  id: string;
  consentId: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  source: string;
  occurredAt: Date;
}

export interface SubscriptionRow {
  id: string;
  stripeSubscriptionId: string;
  customerId: string;
  consentId: string;
  status: string;
  priceId: string;
  currency: string;
  unitAmount: number;
  createdAt: Date;
}

export interface PaymentRow {
  id: string;
  subscriptionId: string;
  stripeInvoiceId: string;
  paymentIntentId: string;
  billingReason: string;
  amountDue: number;
  amountPaid: number;
  currency: string;
  status: string;
  invoiceCreated: Date;
  paidAt: Date | null;
  createdAt: Date;
}

export interface Batch {
  customers: CustomerRow[];
  consents: ConsentRow[];
  history: HistoryRow[];
  subscriptions: SubscriptionRow[];
  payments: PaymentRow[];
}

const LOCALES = [
  ["en", 0.4],
  ["ja", 0.25],
  ["ko", 0.2],
  ["de", 0.15],
] as const;
const METHODS = [
  ["amazon_pay", 0.55],
  ["kakao_pay", 0.3],
  ["card", 0.15],
] as const;
const STATUSES = [
  ["active", 0.7],
  ["revoked", 0.12],
  ["failed", 0.08],
  ["pending", 0.1],
] as const;

const termsCache = new Map<string, { text: string; sha256: string; version: string }>();
function terms(purpose: TermsPurpose, locale: Locale, method: PaymentMethodKind) {
  const key = `${purpose}:${locale}:${method}`;
  let cached = termsCache.get(key);
  if (!cached) {
    const rendered = renderTerms({ purpose, locale, wallet: method, amount: "$15.00", firstCharge: "2026-12-15" });
    cached = { text: rendered.text, sha256: rendered.sha256, version: rendered.version };
    termsCache.set(key, cached);
  }
  return cached;
}

/** 4 consents per customer on average; ids sort by number so the same seed gives the same rows. */
export const CONSENTS_PER_CUSTOMER = 4;

/**
 * Yields the dataset in batches of about `batchSize` consents: each batch
 * carries its customers, consents, history rows, subscriptions and payments.
 */
export function* generate(total: number, batchSize: number, now = Date.now()): Generator<Batch> {
  const random = prng(20261201);
  const span = 730 * DAY_MS;
  const customerCount = Math.ceil(total / CONSENTS_PER_CUSTOMER);
  const pad = (n: number) => n.toString(36).padStart(7, "0");
  for (let start = 0; start < total; start += batchSize) {
    const end = Math.min(total, start + batchSize);
    const batch: Batch = { customers: [], consents: [], history: [], subscriptions: [], payments: [] };
    for (
      let c = Math.ceil(start / CONSENTS_PER_CUSTOMER);
      c < Math.ceil(end / CONSENTS_PER_CUSTOMER) && c < customerCount;
      c++
    ) {
      const first = FIRST[c % FIRST.length]!;
      const last = LAST[Math.floor(c / FIRST.length) % LAST.length]!;
      batch.customers.push({
        id: `bcus${pad(c)}`,
        email: `${first}.${last}${c}@${DOMAINS[c % DOMAINS.length]}`,
        stripeCustomerId: `cus_bench${pad(c)}`,
        locale: pick(random, LOCALES),
        createdAt: new Date(now - span),
      });
    }
    for (let i = start; i < end; i++) {
      const id = `bcon${pad(i)}`;
      const customerIndex = Math.floor(i / CONSENTS_PER_CUSTOMER);
      const method = pick(random, METHODS);
      const purpose = method === "card" || random() < 0.7 ? "subscription" : "save_wallet";
      const locale = pick(random, LOCALES) as Locale;
      const status = pick(random, STATUSES);
      const termsPurpose: TermsPurpose =
        purpose === "save_wallet" ? "save_wallet" : method === "card" ? "deferred_subscription" : "subscription";
      const shown = terms(termsPurpose, locale, method);
      const acceptedAt = new Date(now - Math.floor(random() * span));
      const settled = status !== "pending";
      const ids = settled && status !== "failed";
      batch.consents.push({
        id,
        submissionId: `bsub${pad(i)}`,
        customerId: `bcus${pad(customerIndex)}`,
        paymentMethodType: method,
        purpose,
        termsVersion: shown.version,
        termsLocale: locale,
        termsText: shown.text,
        termsSha256: shown.sha256,
        acceptedAt,
        ipAddress: `198.51.${(i >> 8) & 255}.${i & 255}`,
        userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
        status,
        statusReason: status === "failed" ? "setup failed" : status === "revoked" ? "revoked by the customer" : null,
        setupIntentId: `seti_bench${pad(i)}`,
        paymentMethodId: ids ? `pm_bench${pad(i)}` : null,
        mandateId: ids ? `mandate_bench${pad(i)}` : null,
        priceId: purpose === "subscription" ? (method === "kakao_pay" ? "price_bench_krw" : "price_bench_usd") : null,
        createdAt: acceptedAt,
      });
      const at = (minutes: number) => new Date(acceptedAt.getTime() + minutes * 60_000);
      batch.history.push({
        id: `bh0${pad(i)}`,
        consentId: id,
        fromStatus: null,
        toStatus: "pending",
        reason: null,
        source: "consent_form",
        occurredAt: acceptedAt,
      });
      if (settled) {
        const to = status === "failed" ? "failed" : "active";
        batch.history.push({
          id: `bh1${pad(i)}`,
          consentId: id,
          fromStatus: "pending",
          toStatus: to,
          reason: status === "failed" ? "setup failed" : null,
          source: "return_page",
          occurredAt: at(2),
        });
      }
      if (status === "revoked") {
        batch.history.push({
          id: `bh2${pad(i)}`,
          consentId: id,
          fromStatus: "active",
          toStatus: "revoked",
          reason: "revoked by the customer",
          source: "account",
          occurredAt: at(60 * 24 * 20),
        });
      }
      if (purpose === "subscription" && ids) {
        const krw = method === "kakao_pay";
        const subscriptionId = `bsubn${pad(i)}`;
        batch.subscriptions.push({
          id: subscriptionId,
          stripeSubscriptionId: `sub_bench${pad(i)}`,
          customerId: `bcus${pad(customerIndex)}`,
          consentId: id,
          status:
            status === "revoked"
              ? "canceled"
              : pick(random, [
                  ["active", 0.9],
                  ["past_due", 0.05],
                  ["trialing", 0.05],
                ] as const),
          priceId: krw ? "price_bench_krw" : "price_bench_usd",
          currency: krw ? "krw" : "usd",
          unitAmount: krw ? 100000 : 1500,
          createdAt: at(3),
        });
        const paid = random() < 0.95;
        batch.payments.push({
          id: `bpay${pad(i)}`,
          subscriptionId,
          stripeInvoiceId: `in_bench${pad(i)}`,
          paymentIntentId: `pi_bench${pad(i)}`,
          billingReason: "subscription_create",
          amountDue: krw ? 100000 : 1500,
          amountPaid: paid ? (krw ? 100000 : 1500) : 0,
          currency: krw ? "krw" : "usd",
          status: paid ? "paid" : "open",
          invoiceCreated: at(3),
          paidAt: paid ? at(4) : null,
          createdAt: at(3),
        });
      }
    }
    yield batch;
  }
}
