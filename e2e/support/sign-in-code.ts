import path from "node:path";
import Database from "better-sqlite3";

const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * The sign-in code last sent to `email` (at or after `sentAt`), polled until it
 * exists. Read from the e2e server's database (its verification row) until the
 * local inbox is available to specs.
 */
export async function readSignInCode(email: string, sentAt: number, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const database = new Database(path.join(root, "data", "e2e.db"), { readonly: true, fileMustExist: true });
  try {
    for (;;) {
      const row = database
        .prepare(
          `SELECT value FROM verification WHERE identifier = ? AND createdAt >= ? ORDER BY createdAt DESC LIMIT 1`,
        )
        .get(`sign-in-otp-${email.toLowerCase()}`, new Date(sentAt - 1000).toISOString()) as
        { value: string } | undefined;
      if (row) return row.value.split(":")[0]!;
      if (Date.now() > deadline) throw new Error(`no sign-in code for ${email}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  } finally {
    database.close();
  }
}
