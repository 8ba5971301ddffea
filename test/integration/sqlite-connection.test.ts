import assert from "node:assert/strict";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { databaseUrl, db, dbProvider, disconnectDb } from "../../lib/db/client";
import { sqliteFile } from "../../lib/db/raw-driver";
import { uniqueEmail } from "../support/harness";

after(async () => {
  await disconnectDb();
});

/** Opens an interactive transaction that reads `customerId`, then waits until the returned `finish` says how to end. */
async function openTransaction(customerId: string) {
  let finish!: (outcome: "commit" | "rollback") => void;
  const decided = new Promise<"commit" | "rollback">((resolve) => (finish = resolve));
  let opened!: () => void;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const done = db()
    .$transaction(async (tx) => {
      await tx.customer.findUnique({ where: { id: customerId } });
      opened();
      if ((await decided) === "rollback") throw new Error("rolled back on purpose");
    })
    .then(
      () => "committed",
      (error: Error) => error.message,
    );
  await isOpen;
  return { finish, done };
}

test("a write outside a transaction is not swept into another caller's transaction, nor lost with its rollback", async () => {
  const customer = await db().customer.create({ data: { email: uniqueEmail("connection"), locale: "en" } });
  const open = await openTransaction(customer.id);

  let written = false;
  const plainWrite = db()
    .customer.update({ where: { id: customer.id }, data: { locale: "ja" } })
    .then(() => (written = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  // SQLite: the write waits for the open transaction (one connection); PostgreSQL: it ran on its own connection.
  open.finish("rollback");
  assert.equal(await open.done, "rolled back on purpose");
  await plainWrite;
  assert.ok(written);
  assert.equal((await db().customer.findUnique({ where: { id: customer.id } }))!.locale, "ja");
});

test("reused prepared statements answer each call with its own arguments", async () => {
  const emails = Array.from({ length: 20 }, (_, i) => uniqueEmail(`reuse-${i}`));
  const created = await Promise.all(emails.map((email) => db().customer.create({ data: { email, locale: "de" } })));
  const found = await Promise.all(created.map((row) => db().customer.findUnique({ where: { id: row.id } })));
  assert.deepEqual(
    found.map((row) => row!.email),
    emails,
  );
});

if (dbProvider() === "sqlite") {
  test("a transaction that cannot begin (another process holds the file past the busy timeout) leaves the connection usable", async () => {
    const other = new Database(sqliteFile(databaseUrl()));
    other.exec("BEGIN IMMEDIATE");
    try {
      await assert.rejects(db().$transaction(async (tx) => tx.customer.count()));
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    // Nothing was left holding the connection: plain queries and transactions go on.
    const customer = await db().customer.create({ data: { email: uniqueEmail("after-busy"), locale: "en" } });
    const counted = await db().$transaction(async (tx) => tx.customer.count({ where: { id: customer.id } }));
    assert.equal(counted, 1);
  });
}
