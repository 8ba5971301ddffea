/**
 * Model types for app code, independent of the database in use. They come from
 * the SQLite client, whose types are the ones `db()` is typed with
 * (lib/db/client.ts); the PostgreSQL client's model types are identical.
 */
export type { ConsentStatusChange, Customer, MandateConsent, Prisma, WebhookEvent } from "./generated/sqlite/client";
