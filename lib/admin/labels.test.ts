import assert from "node:assert/strict";
import { test } from "node:test";
import { WEBHOOK_EVENT_STATES } from "@/lib/db/webhook-events";
import { LOCALES } from "@/lib/i18n/locales";
import { MESSAGES, type Messages } from "@/lib/i18n/messages";
import {
  auditActionLabel,
  auditDetail,
  billingReasonLabel,
  emailKindLabel,
  evidenceTime,
  listTime,
  methodLabel,
  purposeLabel,
  sourceLabel,
  statusLabel,
  type StatusDomain,
} from "./labels";
import { METHODS, PURPOSES, STATUSES } from "./mandate-filter";

/** Every value the database or Stripe can hand the console, by what it belongs to. */
const STORED: Record<StatusDomain, readonly string[]> = {
  consent: [...STATUSES, "expired"],
  subscription: ["incomplete", "incomplete_expired", "trialing", "active", "past_due", "canceled", "unpaid", "paused"],
  invoice: ["draft", "open", "paid", "void", "uncollectible"],
  payment: ["pending", "succeeded", "processing", "requires_action", "failed", "refused"],
  event: WEBHOOK_EVENT_STATES,
  email: ["pending", "sending", "sent", "failed"],
  outcome: ["succeeded", "failed", "refused", "requires_action", "processing"],
  mandate: ["active", "inactive", "pending"],
};
const OTHER: [string, (t: Messages, value: string) => string, readonly string[]][] = [
  ["method", methodLabel, METHODS.filter((m) => m === "card")],
  ["purpose", purposeLabel, PURPOSES],
  [
    "source",
    sourceLabel,
    [
      "consent_form",
      "return_page",
      "webhook",
      "account",
      "card_subscribe",
      "pending_setup",
      "replace_method",
      "fix_card",
      "admin",
    ],
  ],
  ["action", auditActionLabel, ["charge", "revoke", "export", "webhook_replay"]],
  [
    "email kind",
    emailKindLabel,
    ["sign_in_code", "mandate_confirmation", "receipt", "renewal_failed", "trial_ending", "mandate_revoked"],
  ],
  [
    "billing reason",
    billingReasonLabel,
    ["subscription_create", "subscription_cycle", "subscription_update", "manual"],
  ],
];

test("every stored status, method, purpose, source, action and email kind has words in all four languages", () => {
  for (const locale of LOCALES) {
    const t = MESSAGES[locale];
    const check = (what: string, value: string, label: string) => {
      assert.ok(label.length > 0, `${locale} ${what} ${value}`);
      // A raw stored value (snake_case) would mean a missing message.
      assert.doesNotMatch(label, /_/, `${locale} ${what} ${value}: ${label}`);
      if (locale !== "en") assert.notEqual(label, value, `${locale} ${what} ${value} is not translated`);
    };
    for (const [domain, values] of Object.entries(STORED) as [StatusDomain, readonly string[]][]) {
      for (const value of values) check(domain, value, statusLabel(t, domain, value));
    }
    for (const [what, label, values] of OTHER) for (const value of values) check(what, value, label(t, value));
  }
});

test("the same stored word reads as what it belongs to; an unknown value is shown readable, not hidden", () => {
  const t = MESSAGES.en;
  assert.equal(statusLabel(t, "consent", "pending"), t.consent_pending);
  assert.equal(statusLabel(t, "payment", "pending"), t.adminPayment_pending);
  assert.notEqual(statusLabel(t, "consent", "pending"), statusLabel(t, "payment", "pending"));
  assert.equal(statusLabel(MESSAGES.ja, "subscription", "past_due"), MESSAGES.ja.status_past_due);
  assert.equal(statusLabel(t, "consent", "some_new_state"), "some new state");
  assert.equal(methodLabel(MESSAGES.ko, "kakao_pay"), "Kakao Pay");
  assert.equal(billingReasonLabel(MESSAGES.de, null), MESSAGES.de.adminBilling_other);
});

test("admin messages are translated and keep every placeholder of the English text", () => {
  const en = MESSAGES.en as Record<string, string>;
  const keys = Object.keys(en).filter((key) => key.startsWith("admin"));
  // Words that are the same in a language by nature (product names, units, symbols).
  const same = new Set([
    "adminUtc",
    "adminColSetupIntent",
    "adminAuditLine",
    "adminChartBar",
    "adminNavWebhooks",
    "adminVersion",
    "adminFilterStatus",
    "adminColStatus",
    "adminStatus",
    "adminTitle",
  ]);
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const locale of LOCALES.filter((l) => l !== "en")) {
    const t = MESSAGES[locale] as Record<string, string>;
    for (const key of keys) {
      assert.deepEqual(placeholders(t[key]!), placeholders(en[key]!), `${locale} ${key}`);
      if (!same.has(key)) assert.notEqual(t[key], en[key], `${locale} ${key} is still English`);
    }
  }
});

test("list times read in the reader's notation, in UTC; evidence times stay exact ISO 8601 UTC", () => {
  const at = new Date("2026-03-04T05:06:07.089Z");
  assert.equal(listTime(at, "en"), "Mar 4, 2026, 05:06:07");
  assert.equal(listTime(at, "ja"), "2026年3月4日 05:06:07");
  assert.match(listTime(at, "ko"), /^2026년 3월 4일 05:06:07$/);
  assert.match(listTime(at, "de"), /^4\. März 2026, 05:06:07$/);
  assert.equal(listTime(null, "de"), "—");
  assert.equal(evidenceTime(at), "2026-03-04 05:06:07.089 UTC");
});

test("an audit row's recorded export count and replay result read in the reader's language; typed text stays as typed", () => {
  assert.equal(auditDetail(MESSAGES.de, { action: "export", detail: "12345 rows" }, "de"), "12.345 Zeilen exportiert");
  assert.equal(auditDetail(MESSAGES.ja, { action: "webhook_replay", detail: "queued" }, "ja"), "受信箱に戻しました");
  assert.equal(auditDetail(MESSAGES.ja, { action: "revoke", detail: "Customer asked" }, "ja"), "Customer asked");
  assert.equal(auditDetail(MESSAGES.ko, { action: "charge", detail: null }, "ko"), "—");
});
