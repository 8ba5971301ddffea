// Driver-adapter factories for the Prisma 6.19 CLI's WebAssembly schema engine
// (`engine: "js"` in prisma/*/prisma.config.ts), with workarounds for engine /
// adapter bugs that only affect migration commands. The app (lib/db/client.ts)
// uses the stock adapters.
import { randomUUID } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { sqliteFilePath } from "./database-url";

type Factory = PrismaBetterSQLite3 | PrismaPg;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type MigrationAdapterFactory = Pick<Factory, "provider" | "adapterName" | "connect" | "connectToShadowDb">;

// ---------------------------------------------------------------------------
// SQLite
//
// Workaround: the shadow-database replay (migrate dev / migrate diff
// --from-migrations) sends whole multi-statement migration scripts through
// executeRaw/queryRaw, which better-sqlite3 prepares one statement at a time
// ("The supplied SQL string contains more than one statement"). Such calls are
// re-routed to executeScript, which runs many statements.
// ---------------------------------------------------------------------------

const MULTI_STATEMENT = /more than one statement/i;

function withMultiStatementScripts<A extends Adapter>(adapter: A): A {
  const executeRaw = adapter.executeRaw.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  const isScript = (query: { args: unknown[] }, error: unknown) =>
    query.args.length === 0 && error instanceof Error && MULTI_STATEMENT.test(error.message);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (!isScript(query, error)) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  adapter.queryRaw = async (query) => {
    try {
      return await queryRaw(query);
    } catch (error) {
      if (!isScript(query, error)) throw error;
      await adapter.executeScript(query.sql);
      return { columnNames: [], columnTypes: [], rows: [] };
    }
  };
  return adapter;
}

export function sqliteMigrationAdapter(url: string): MigrationAdapterFactory {
  const factory = new PrismaBetterSQLite3({ url: sqliteFilePath(url) });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withMultiStatementScripts(await factory.connect()),
    connectToShadowDb: async () => withMultiStatementScripts(await factory.connectToShadowDb()),
  };
}

// ---------------------------------------------------------------------------
// PostgreSQL
//
// Workaround 1 (prisma/orm#27403): the schema engine introspects system
// catalogs whose column types (`name`, `"char"`, `regproc`, …) the 6.19 pg
// adapter cannot map ("Column type 'name' could not be deserialized"). A pg
// Client subclass reports those columns as `text` (their values already arrive
// as strings).
//
// Workaround 2 (shadow database, used by migrate dev / diff --from-migrations):
// the stock factory spreads `{ ...config, database }`, but a `connectionString`
// wins over `database`, so the "shadow" pool points at the main database; and it
// drops the shadow database before closing the shadow pool, which PostgreSQL
// refuses while connections are open. Here the shadow URL gets its own
// database path, and the pool is closed before the drop.
// ---------------------------------------------------------------------------

const TEXT_OID = 25;
/** System-catalog / internal scalar types below FirstNormalObjectId that the adapter rejects. */
const CATALOG_TEXT_OIDS = new Set([
  18, // "char"
  19, // name
  22, // int2vector
  24, // regproc
  28, // xid
  29, // cid
  30, // oidvector
  194, // pg_node_tree
  1033, // aclitem
  2202, // regprocedure
  2203, // regoper
  2204, // regoperator
  2205, // regclass
  2206, // regtype
  3220, // pg_lsn
  3734, // regconfig
  3769, // regdictionary
  4089, // regnamespace
  4096, // regrole
  5069, // xid8
]);

function reportCatalogTypesAsText<R>(result: R): R {
  for (const r of Array.isArray(result) ? result : [result]) {
    const fields = (r as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
    for (const field of fields ?? []) {
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogAsTextClient extends pg.Client {}
// pg.Client#query has many overloads (promise, callback, submittable); patch
// it untyped and rewrite the field metadata of whatever result comes back.
const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(CatalogAsTextClient.prototype as { query: (...args: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  const last = args[args.length - 1];
  if (typeof last === "function") {
    args[args.length - 1] = (err: unknown, res: unknown) => last(err, err ? res : reportCatalogTypesAsText(res));
    return clientQuery.apply(this, args);
  }
  const out = clientQuery.apply(this, args);
  return out instanceof Promise ? out.then(reportCatalogTypesAsText) : out;
};

function pgFactory(connectionString: string): PrismaPg {
  return new PrismaPg({ connectionString, Client: CatalogAsTextClient });
}

export function pgMigrationAdapter(url: string): MigrationAdapterFactory {
  const factory = pgFactory(url);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => {
      const main = await factory.connect();
      const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
      await main.executeScript(`CREATE DATABASE "${name}"`);
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const shadow = await pgFactory(shadowUrl.toString()).connect();
      const disposeShadow = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await disposeShadow(); // closes the shadow pool first
        try {
          await main.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
        } finally {
          await main.dispose();
        }
      };
      return shadow;
    },
  };
}
