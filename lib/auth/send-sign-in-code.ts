import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locales";
import { kickOutbox, queueEmail } from "@/lib/mail/outbox";

export interface SignInCodeMessage {
  email: string;
  /** The one-time code (email OTP) or the one-time sign-in link. */
  code?: string;
  url?: string;
  locale: Locale;
}

const capture = new AsyncLocalStorage<SignInCodeMessage[]>();

/**
 * Every sign-in code leaves through here: queued in the email outbox and sent
 * at once (a code is only useful now). Each request for a code is its own
 * message. A code is a credential: it is never logged.
 */
export async function sendSignInCode(message: SignInCodeMessage): Promise<void> {
  const captured = capture.getStore();
  if (captured) return void captured.push(message);
  if (!message.code) throw new Error("sign-in links are only handed out by admin:create");
  await queueEmail(db(), {
    to: message.email,
    locale: message.locale,
    kind: "sign_in_code",
    dedupeKey: `sign-in-code:${randomUUID()}`,
    data: { code: message.code },
  });
  kickOutbox();
}

/** Runs `fn` with its sign-in messages handed back instead of sent (admin:create prints its link). */
export async function captureSignInMessages(fn: () => Promise<unknown>): Promise<SignInCodeMessage[]> {
  const captured: SignInCodeMessage[] = [];
  await capture.run(captured, fn);
  return captured;
}
