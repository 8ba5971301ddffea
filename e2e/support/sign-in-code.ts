import { expect } from "@playwright/test";
import { emailsTo } from "./inbox";

/** The ids of the messages already in the inbox for `email` (to tell the next code from an earlier one). */
export async function inboxIdsOf(email: string): Promise<Set<string>> {
  return new Set((await emailsTo(email)).map((m) => m.id));
}

/**
 * The sign-in code in the newest email sent to `email` at or after `sentAt`,
 * read from the local inbox; messages in `seen` (taken before asking for the
 * code) never count, so a code sent a moment earlier is not mistaken for it.
 */
export async function readSignInCode(
  email: string,
  sentAt: number,
  timeout = 20_000,
  seen: Set<string> = new Set(),
): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const fresh = (await emailsTo(email)).filter((m) => !seen.has(m.id) && Date.parse(m.date) >= sentAt - 2000);
        code = /\b(\d{6})\b/.exec(fresh.at(-1)?.subject ?? "")?.[1];
        return Boolean(code);
      },
      { timeout, message: `a sign-in code emailed to ${email}` },
    )
    .toBe(true);
  return code!;
}
