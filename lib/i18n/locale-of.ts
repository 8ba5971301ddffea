import { isLocale, negotiateLocale, type Locale } from "./locales";
import { MESSAGES, type Messages } from "./messages";

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

/** For route handlers: the request's language and its messages, read from the request itself. */
export function messagesOfRequest(request: Request): { locale: Locale; t: Messages } {
  const locale = localeOfHeaders(request.headers);
  return { locale, t: MESSAGES[locale] };
}
