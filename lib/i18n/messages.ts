import type { Locale } from "./locales";
import { de } from "./messages/de";
import { en, type Messages } from "./messages/en";
import { ja } from "./messages/ja";
import { ko } from "./messages/ko";

export type { Messages };

export const MESSAGES: Record<Locale, Messages> = { en, ja, ko, de };

/** Fills {placeholders} in a message. */
export function format(message: string, values: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}
