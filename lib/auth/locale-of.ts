import { isLocale, negotiateLocale, type Locale } from "@/lib/i18n/locales";

/** The visitor's language from a request's headers: the locale cookie, else Accept-Language. */
export function localeOfHeaders(headers: Headers | undefined | null): Locale {
  const chosen = headers
    ?.get("cookie")
    ?.split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === "locale")?.[1];
  if (isLocale(chosen)) return chosen;
  return negotiateLocale(headers?.get("accept-language"));
}
