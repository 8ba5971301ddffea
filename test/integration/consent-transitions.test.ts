import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { startWalletSetup } from "../../lib/billing/start-wallet-setup";
import { db } from "../../lib/db/client";
import { consentHistory, findConsentById, transitionConsent } from "../../lib/db/consents";
import { CURRENT_TERMS_VERSION } from "../../lib/mandate/terms";
import { BROWSER } from "../support/flows";
import { startHarness, uniqueEmail, type Harness } from "../support/harness";

let h: Harness;
before(async () => {
  h = await startHarness({ webhooks: false, worker: false });
});
after(async () => {
  await h.close();
});

test("a change another transaction has not committed (and then rolls back) is not taken for done", async () => {
  const started = await startWalletSetup(
    {
      submissionId: randomUUID(),
      email: uniqueEmail("transition"),
      wallet: "amazon_pay",
      locale: "en",
      termsVersion: CURRENT_TERMS_VERSION.save_wallet,
    },
    BROWSER,
  );
  assert.ok(started.ok);
  const consentId = started.consentId;
  assert.equal((await findConsentById(consentId))!.status, "pending");

  // Another caller's transaction makes the consent active, then fails before it commits.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const wrote = new Promise<void>((resolve) => (written = resolve));
  const failing = db()
    .$transaction(async (tx) => {
      await tx.mandateConsent.update({ where: { id: consentId }, data: { status: "active" } });
      written();
      await held;
      throw new Error("rolled back on purpose");
    })
    .catch((error: Error) => error.message);
  await wrote;

  // Meanwhile the same change arrives (a webhook): it must not read the uncommitted "active" as already done.
  const applying = transitionConsent(consentId, { to: "active", source: "webhook" });
  await new Promise((resolve) => setTimeout(resolve, 50));
  release();
  assert.equal(await failing, "rolled back on purpose");
  assert.equal(await applying, true);
  assert.equal((await findConsentById(consentId))!.status, "active");
  assert.deepEqual(
    (await consentHistory(consentId)).map((row) => row.toStatus),
    ["pending", "active"],
  );
});
