import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startHarness, type Harness } from "../support/harness";
import { needsEmulator } from "../support/target";
import { ensureCatalogue } from "../../lib/catalogue/ensure-catalogue";
import { forgetCachedCatalogue, loadCatalogue } from "../../lib/catalogue/load-plans";
import { db } from "../../lib/db/client";

let h: Harness;
before(async () => {
  h = await startHarness({ webhooks: false, worker: false });
  await ensureCatalogue(h.sdk);
});
after(async () => {
  await h.close();
});

async function stripeFails(kind: "500" | "timeout") {
  await h.controls.injectFault({ method: "GET", path: "/v1/prices", kind, times: 1 });
}

test("Stripe down: the last catalogue read is served, marked with the time it was read", async (t) => {
  if (needsEmulator(t, "fault injection")) return;
  forgetCachedCatalogue();
  const fresh = await loadCatalogue();
  assert.equal(fresh.staleSince, null);
  assert.ok(fresh.plans.length >= 2);
  const stored = await db().catalogueSnapshot.findUnique({ where: { key: "plans" } });
  assert.ok(stored, "each read from Stripe is stored");

  for (const kind of ["500", "timeout"] as const) {
    forgetCachedCatalogue();
    await stripeFails(kind);
    const started = Date.now();
    const stale = await loadCatalogue();
    assert.deepEqual(stale.plans, fresh.plans, kind);
    assert.equal(stale.staleSince?.getTime(), stored.readAt.getTime());
    assert.ok(Date.now() - started < 8000, "a hanging Stripe holds the page for one short read, not 3 × 10 s");
  }

  // Stripe back: fresh again, and the stored copy is renewed.
  forgetCachedCatalogue();
  const back = await loadCatalogue();
  assert.equal(back.staleSince, null);
  const renewed = await db().catalogueSnapshot.findUnique({ where: { key: "plans" } });
  assert.ok(renewed!.readAt.getTime() > stored.readAt.getTime());
});

test("Stripe down and nothing ever read: the error reaches the page (its error boundary explains)", async (t) => {
  if (needsEmulator(t, "fault injection")) return;
  await db().catalogueSnapshot.deleteMany();
  forgetCachedCatalogue();
  await stripeFails("500");
  await assert.rejects(loadCatalogue());
});
