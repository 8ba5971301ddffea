/**
 * Two changes to the SQLite driver adapter's connection, made where it
 * prepares SQL (the adapter has no option for either):
 *
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

/** The adapter factory, with its connections changed as described above. */
export function tunedSqliteAdapter(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client: Database.Database }).client;
    (client as unknown as { prepare: unknown }).prepare = reusingPrepare(client);
    return adapter;
  };
  return factory;
}
