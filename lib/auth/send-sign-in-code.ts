import { AsyncLocalStorage } from "node:async_hooks";
import type { Locale } from "@/lib/i18n/locales";

export interface SignInCodeMessage {
  email: string;
  /** The one-time code (email OTP) or the one-time sign-in link. */
  code?: string;
  url?: string;
  locale: Locale;
}

const capture = new AsyncLocalStorage<SignInCodeMessage[]>();

/**
 * Every sign-in code and link leaves through here, so switching the transport is
 * one line. Until the email outbox exists the message is kept in memory for the
 * local inbox only (never logged: a code is a credential).
 */
export async function sendSignInCode(message: SignInCodeMessage): Promise<void> {
  const captured = capture.getStore();
  if (captured) return void captured.push(message);
  pendingMessages.push(message);
}

/** Runs `fn` with its sign-in messages handed back instead of sent (admin:create prints its link). */
export async function captureSignInMessages(fn: () => Promise<unknown>): Promise<SignInCodeMessage[]> {
  const captured: SignInCodeMessage[] = [];
  await capture.run(captured, fn);
  return captured;
}

/** In-process record of the last messages (replaced by the email outbox). */
export const pendingMessages: SignInCodeMessage[] = [];
