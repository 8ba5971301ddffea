import { expect } from "@playwright/test";
import { emailsTo } from "./inbox";

/** The sign-in code in the newest email sent to `email` at or after `sentAt`, read from the local inbox. */
export async function readSignInCode(email: string, sentAt: number, timeout = 20_000): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const fresh = (await emailsTo(email)).filter((m) => Date.parse(m.date) >= sentAt - 2000);
        code = /\b(\d{6})\b/.exec(fresh.at(-1)?.subject ?? "")?.[1];
        return Boolean(code);
      },
      { timeout, message: `a sign-in code emailed to ${email}` },
    )
    .toBe(true);
  return code!;
}
