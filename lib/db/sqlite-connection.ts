/**
 * Three changes to the SQLite driver adapter's one connection (the adapter has
 * no option for any of them):
 *
 * - A query outside a transaction waits while a transaction is open. The
 *   adapter runs every query on its one connection and only makes transactions
 *   wait for each other: a plain write made while another caller's interactive
 *   transaction was open became part of it, and was lost if that one rolled
 *   back (test/integration/sqlite-connection.test.ts).
 * - Write transactions start with `BEGIN IMMEDIATE`. With a second writer
 *   (another process, a script) the busy timeout makes a write wait for the
 *   lock, but a deferred `BEGIN` that reads first and then writes fails with
 *   SQLITE_BUSY_SNAPSHOT whatever the timeout; taking the lock up front waits.
 * - Statements are prepared once per SQL text. The adapter calls
 *   `prepare(sql).bind(args)` for every query, compiling the same SQL again
 *   each time (a CPU profile of the webhook worker put 7 % of its time there).
 *   better-sqlite3 runs a statement to completion synchronously, so one
 *   prepared statement can serve every call; its arguments are passed per call.
 */
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";

/** Distinct SQL texts kept prepared (the app issues a few hundred shapes). */
const MAX_PREPARED = 2_000;

/** What the adapter does with a prepared statement: bind arguments once, then read or run it. */
class BoundStatement {
  constructor(
    private readonly statement: Database.Statement,
    private readonly args: unknown[],
  ) {}
  get reader(): boolean {
    return this.statement.reader;
  }
  columns() {
    return this.statement.columns();
  }
  run() {
    return this.statement.run(...this.args);
  }
  raw() {
    return { all: () => this.statement.raw(true).all(...this.args) };
  }
}

class ReusedStatement {
  constructor(private readonly statement: Database.Statement) {}
  bind(args: unknown[]): BoundStatement {
    return new BoundStatement(this.statement, args);
  }
  run() {
    return this.statement.run();
  }
}

function reusingPrepare(client: Database.Database): (sql: string) => ReusedStatement {
  const prepare = client.prepare.bind(client);
  const prepared = new Map<string, ReusedStatement>();
  return (sql) => {
    const text = sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql;
    let statement = prepared.get(text);
    if (!statement) {
      statement = new ReusedStatement(prepare(text));
      if (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value!);
      prepared.set(text, statement);
    }
    return statement;
  };
}

/** A first-come, first-served lock: `acquire` resolves with the function that releases it. */
function createLock(): () => Promise<() => void> {
  let tail: Promise<void> = Promise.resolve();
  return async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = tail;
    tail = previous.then(() => held);
    await previous;
    return release;
  };
}

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Run = (query: Parameters<Adapter["queryRaw"]>[0]) => Promise<unknown>;

/**
 * Transactions hold the lock from BEGIN until the connection has left the
 * transaction (COMMIT or ROLLBACK run, whether or not they succeeded, or
 * Prisma's commit/rollback call); a query outside one takes it for its own
 * run. The transaction is begun here rather than by the adapter, whose own
 * mutex is never released when BEGIN fails (a second writer holding the file
 * past the busy timeout), which would leave every later query waiting.
 */
function serialize(adapter: Adapter, client: Database.Database): void {
  const acquire = createLock();
  const queryRaw = adapter.queryRaw.bind(adapter) as Run;
  const executeRaw = adapter.executeRaw.bind(adapter) as Run;
  // The adapter's own conversion of a driver error into the error Prisma maps (unique violation, busy, …).
  const driverError = (error: unknown): never => (adapter as unknown as { onError(e: unknown): never }).onError(error);

  adapter.startTransaction = async (isolationLevel) => {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      throw new Error(`SQLite runs every transaction SERIALIZABLE, not ${isolationLevel}`);
    }
    const release = await acquire();
    try {
      client.prepare("BEGIN").run();
    } catch (error) {
      release();
      driverError(error);
    }
    const inTransaction =
      (run: Run): Run =>
      async (query) => {
        try {
          return await run(query);
        } finally {
          if (!client.inTransaction) release();
        }
      };
    const transaction = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      options: { usePhantomQuery: false },
      queryRaw: inTransaction(queryRaw),
      executeRaw: inTransaction(executeRaw),
      commit: async () => release(),
      rollback: async () => release(),
    };
    return transaction as unknown as Transaction;
  };
  const outsideTransactions =
    (run: Run): Run =>
    async (query) => {
      const release = await acquire();
      try {
        return await run(query);
      } finally {
        release();
      }
    };
  (adapter as { queryRaw: unknown }).queryRaw = outsideTransactions(queryRaw);
  (adapter as { executeRaw: unknown }).executeRaw = outsideTransactions(executeRaw);
}

/** The adapter factory, with its connections changed as described above. */
export function tunedSqliteAdapter(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client: Database.Database }).client;
    (client as unknown as { prepare: unknown }).prepare = reusingPrepare(client);
    serialize(adapter, client);
    return adapter;
  };
  return factory;
}
