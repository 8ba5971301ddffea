// Prisma CLI config for SQLite. Used by the db scripts as
//   prisma <command> --config prisma/sqlite/prisma.config.ts
// Paths are relative to this file.
import { defineConfig } from "prisma/config";
import { databaseUrl, providerOf } from "../database-url";
import { sqliteMigrationAdapter } from "../migration-adapters";

export default defineConfig({
  schema: ".", // schema.prisma + models.prisma (symlink to ../models.prisma)
  migrations: { path: "./migrations" },
  experimental: { adapter: true },
  // WebAssembly schema engine through a driver adapter: no engine download.
  engine: "js",
  adapter: async () => {
    const url = databaseUrl();
    if (providerOf(url) !== "sqlite") {
      throw new Error("prisma/sqlite/prisma.config.ts needs a file: DATABASE_URL (or none)");
    }
    return sqliteMigrationAdapter(url);
  },
});
