// Admin actions per admin (RATE_LIMIT_ADMIN_ACTIONS): a burst past the limit is
// refused, changes nothing, and the refusal is in the audit log. Real
// better-auth admin sessions; the export is called through its route handler.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setUpAdmin } from "../support/auth-http";
import { startHarness, type Harness } from "../support/harness";
import { takeAdminAction } from "../../lib/admin/action-limit";
import { db } from "../../lib/db/client";
import { ja } from "../../lib/i18n/messages/ja";

// Read when the limiter is first used, so this process's limit is small.
process.env.RATE_LIMIT_ADMIN_ACTIONS = "3";
process.env.RATE_LIMIT_STORE = "memory";

let h: Harness;
before(async () => {
  h = await startHarness({ webhooks: false });
});
after(() => h.close());

/** The Cookie header of a set-up admin signed in with password and emailed code. */
async function adminCookie(): Promise<{ cookie: Headers; userId: string }> {
  const { jar, address } = await setUpAdmin();
  const user = await db().user.findUniqueOrThrow({ where: { email: address } });
  return { cookie: jar.headers(), userId: user.id };
}

async function exportAs(cookie: Headers, language = "en") {
  const { GET } = await import("../../app/admin/mandates/export/route");
  const headers = new Headers(cookie);
  headers.set("accept-language", language);
  return GET(new Request("http://localhost:3999/admin/mandates/export?status=active", { headers }));
}

const auditOf = (adminId: string) =>
  db().adminAuditLog.findMany({ where: { adminId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

test("an admin's export burst: the first ones run, the rest get a 429 page and only a refusal in the audit", async () => {
  const { cookie, userId } = await adminCookie();
  for (let i = 0; i < 3; i++) {
    const response = await exportAs(cookie);
    assert.equal(response.status, 200);
    await response.text();
  }
  const refused = await exportAs(cookie, "ja-JP,ja;q=0.9");
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get("retry-after")) > 0);
  const html = await refused.text();
  assert.match(html, /<html lang="ja">/);
  assert.ok(html.includes(ja.rateLimitedTitle));
  assert.equal(refused.headers.get("content-type"), "text/html; charset=utf-8", "no CSV was sent");

  const audit = await auditOf(userId);
  assert.deepEqual(
    audit.map((row) => `${row.action}:${row.outcome}`),
    ["export:succeeded", "export:succeeded", "export:succeeded", "export:refused"],
  );
  assert.match(audit[3]!.detail ?? "", /rate limited/);
  assert.equal(audit[3]!.targetId, "?status=active");
});

test("each admin has their own budget; every refused action (charge, revoke, replay) is audited under its own id", async () => {
  const first = await adminCookie();
  const second = await adminCookie();
  const identity = (userId: string) => ({ userId, email: "ops@example.com" });
  const attempts = [
    { action: "charge", targetType: "consent", targetId: "consent_a" },
    { action: "revoke", targetType: "consent", targetId: "consent_a" },
    { action: "webhook_replay", targetType: "webhook_event", targetId: "evt_a" },
  ] as const;
  for (const attempt of attempts) assert.equal((await takeAdminAction(identity(first.userId), attempt)).ok, true);
  for (const attempt of attempts) {
    const refusal = await takeAdminAction(identity(first.userId), attempt);
    assert.ok(!refusal.ok && refusal.retryAfterSeconds > 0 && refusal.retryAfterSeconds <= 60);
  }
  const audit = await auditOf(first.userId);
  assert.deepEqual(
    audit.map((row) => `${row.action}:${row.targetId}:${row.outcome}`),
    ["charge:consent_a:refused", "revoke:consent_a:refused", "webhook_replay:evt_a:refused"],
    "allowed attempts are audited by the action itself, refusals here",
  );
  assert.equal(new Set(audit.map((row) => row.actionId)).size, 3);
  assert.equal(
    (await takeAdminAction(identity(second.userId), attempts[0])).ok,
    true,
    "another admin is not held back",
  );
});
