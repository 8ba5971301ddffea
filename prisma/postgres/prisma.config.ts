// Prisma CLI config for PostgreSQL. Used by the db scripts as
//   prisma <command> --config prisma/postgres/prisma.config.ts
// Paths are relative to this file.
import { defineConfig } from "prisma/config";
import { databaseUrl, providerOf } from "../database-url";
import { pgMigrationAdapter } from "../migration-adapters";

export default defineConfig({
  schema: ".", // schema.prisma + models.prisma (symlink to ../models.prisma)
  migrations: { path: "./migrations" },
  experimental: { adapter: true },
  // WebAssembly schema engine through a driver adapter: no engine download.
  engine: "js",
  adapter: async () => {
    const url = databaseUrl();
    if (providerOf(url) !== "postgres") {
      throw new Error("prisma/postgres/prisma.config.ts needs a postgresql:// DATABASE_URL");
    }
    return pgMigrationAdapter(url);
  },
});
