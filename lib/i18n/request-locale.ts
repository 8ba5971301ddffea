import { cookies, headers } from "next/headers";
import { isLocale, negotiateLocale, type Locale } from "./locales";
import { MESSAGES, type Messages } from "./messages";

export const LOCALE_COOKIE = "locale";

/** The visitor's language: their explicit choice (cookie), else Accept-Language. */
export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

export async function requestMessages(): Promise<{ locale: Locale; t: Messages }> {
  const locale = await requestLocale();
  return { locale, t: MESSAGES[locale] };
}
