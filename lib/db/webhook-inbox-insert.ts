/**
 * Storing verified webhook events, with group commit: deliveries that arrive
 * while earlier inserts are in flight are written together, in one
 * transaction (SQLite) or one multi-row INSERT (PostgreSQL), instead of one
 * commit each. A lone delivery is written at once. Each caller's promise
 * settles only after the commit that holds its row, so a 200 still means
 * stored; a repeated id is still a no-op (ON CONFLICT DO NOTHING). If a group
 * fails, its rows are retried one by one, so one row never fails the others.
 */
import { rawDriver, withSqliteBusyRetry, type RawDriver } from "./raw-driver";
import { insertValues, postgresInsert, sqliteInsert, type InboxInsert } from "./webhook-inbox";

interface Pending {
  event: InboxInsert;
  resolve(stored: boolean): void;
  reject(error: unknown): void;
}

/** Groups written at the same time (PostgreSQL connections used; SQLite has one writer, so one). */
const MAX_IN_FLIGHT = { sqlite: 1, postgres: 4 };
/** Rows per group (PostgreSQL allows 65,535 parameters per statement: 7 per row). */
const MAX_GROUP = 200;

let queue: Pending[] = [];
let inFlight = 0;

/** Stores a verified event. False when the id is already stored (a repeated delivery). */
export function insertWebhookEvent(event: InboxInsert): Promise<boolean> {
  return new Promise((resolve, reject) => {
    queue.push({ event, resolve, reject });
    scheduleFlush();
  });
}

let flushScheduled = false;

/**
 * SQLite writes synchronously, so no group could form while one is "in
 * flight": instead the deliveries verified in one turn of the event loop are
 * written together at its end (a lone delivery waits for nothing but that turn).
 */
function scheduleFlush(): void {
  if (rawDriver().kind !== "sqlite") return flush();
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(() => {
    flushScheduled = false;
    try {
      flush();
    } catch (error) {
      // No connection (a bad DATABASE_URL): every waiting delivery is answered "not stored", none hangs.
      const failed = queue;
      queue = [];
      for (const item of failed) item.reject(error);
    }
  });
}

function flush(): void {
  const driver = rawDriver();
  while (queue.length > 0 && inFlight < MAX_IN_FLIGHT[driver.kind]) {
    const group = queue.slice(0, MAX_GROUP);
    queue = queue.slice(group.length);
    inFlight++;
    void writeGroup(driver, group).finally(() => {
      inFlight--;
      flush();
    });
  }
}

async function writeGroup(driver: RawDriver, group: Pending[]): Promise<void> {
  try {
    const stored = await insertAll(driver, group);
    group.forEach((item, i) => item.resolve(stored[i]!));
  } catch {
    // One bad row must not fail the others: each row on its own, with its own outcome.
    for (const item of group) {
      await insertAll(driver, [item]).then(([stored]) => item.resolve(stored!), item.reject);
    }
  }
}

/** Writes the group's rows in one commit; per row, whether this write stored it (false: the id existed). */
async function insertAll(driver: RawDriver, group: Pending[]): Promise<boolean[]> {
  const now = new Date();
  if (driver.kind === "sqlite") {
    const insert = sqliteInsert(driver.sqlite);
    const write = driver.sqlite.transaction(() => group.map(({ event }) => insert.run(...insertValues(event, now))));
    return (await withSqliteBusyRetry(() => write.immediate())).map((result) => result.changes === 1);
  }
  // A repeated id within one group: only its first delivery can have stored it.
  const first = new Map<string, number>();
  group.forEach(({ event }, i) => {
    if (!first.has(event.id)) first.set(event.id, i);
  });
  // Sorted by id: concurrent groups sharing ids take their row locks in one order (no deadlock).
  const rows = [...first.values()].map((i) => group[i]!.event).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const result = await driver.pool.query<{ id: string }>({
    // Named per group size: PostgreSQL keeps one prepared statement per size in use.
    name: `inbox-insert-${rows.length}`,
    text: postgresInsert(rows.length),
    values: rows.flatMap((event) => insertValues(event, now)),
  });
  const stored = new Set(result.rows.map((row) => row.id));
  return group.map(({ event }, i) => first.get(event.id) === i && stored.has(event.id));
}
