/**
 * `npm run mail:outbox`: what the email outbox holds (same DATABASE_URL as the
 * app): how many messages are pending, sent or failed, and the latest ones
 * still waiting or given up, with their last error. Message bodies (sign-in
 * codes) are never printed.
 */
import { db, disconnectDb } from "../lib/db/client";

async function main() {
  const counts = await db().outboxEmail.groupBy({ by: ["status"], _count: { _all: true } });
  if (counts.length === 0) console.log("The outbox is empty.");
  for (const row of counts) console.log(`${row.status.padEnd(8)} ${row._count._all}`);
  const unsent = await db().outboxEmail.findMany({
    where: { status: { not: "sent" } },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { kind: true, toAddress: true, status: true, attempts: true, nextAttemptAt: true, lastError: true },
  });
  for (const row of unsent) {
    const next = row.status === "failed" ? "given up" : `next try ${row.nextAttemptAt.toISOString()}`;
    console.log(`- ${row.kind} to ${row.toAddress}: ${row.status}, ${row.attempts} attempt(s), ${next}`);
    if (row.lastError) console.log(`    last error: ${row.lastError}`);
  }
  await disconnectDb();
}

await main();
