import { INTL_TAGS, type Locale } from "./locales";

export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_TAGS[locale], { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** Evidence timestamps: to the second, with the zone spelled out. */
export function formatTimestamp(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_TAGS[locale], { dateStyle: "medium", timeStyle: "long", timeZone: "UTC" }).format(
    date,
  );
}
