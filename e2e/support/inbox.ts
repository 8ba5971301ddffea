import { expect } from "@playwright/test";

/**
 * The local mail catcher's inbox (maildev's HTTP API), as Playwright sees it.
 * playwright.config.ts starts the catcher with the app and exports its web port.
 */
export const inboxUrl = `http://127.0.0.1:${process.env.E2E_MAIL_WEB_PORT ?? Number(process.env.E2E_APP_PORT ?? 3100) + 3}`;

export interface InboxEmail {
  id: string;
  subject: string;
  to: { address: string; name?: string }[];
  from: { address: string; name?: string }[];
  text: string;
  html: string;
  date: string;
  headers: Record<string, string>;
}

async function allEmails(): Promise<InboxEmail[]> {
  const response = await fetch(`${inboxUrl}/email`);
  if (!response.ok) throw new Error(`inbox: GET /email answered ${response.status}`);
  return (await response.json()) as InboxEmail[];
}

/** Every message received for `to` (case-insensitive), oldest first, optionally matching a subject. */
export async function emailsTo(to: string, subject?: RegExp): Promise<InboxEmail[]> {
  const address = to.toLowerCase();
  return (await allEmails()).filter(
    (email) =>
      email.to.some((recipient) => recipient.address.toLowerCase() === address) &&
      (!subject || subject.test(email.subject)),
  );
}

/** Waits until a message for `to` (matching `subject`) has arrived, and returns the first one. */
export async function waitForEmail(options: { to: string; subject?: RegExp; timeout?: number }): Promise<InboxEmail> {
  let found: InboxEmail | undefined;
  await expect
    .poll(
      async () => {
        found = (await emailsTo(options.to, options.subject))[0];
        return Boolean(found);
      },
      {
        timeout: options.timeout ?? 20_000,
        message: `an email to ${options.to} matching ${options.subject ?? "anything"}`,
      },
    )
    .toBe(true);
  return found!;
}

/** Empties the inbox. */
export async function clearInbox(): Promise<void> {
  const response = await fetch(`${inboxUrl}/email/all`, { method: "DELETE" });
  if (!response.ok) throw new Error(`inbox: DELETE /email/all answered ${response.status}`);
}
