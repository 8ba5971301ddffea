import { chooseLocale } from "@/app/locale-actions";
import { LOCALES, LOCALE_NAMES, type Locale } from "@/lib/i18n/locales";

export function LocaleSwitch({ current, label }: { current: Locale; label: string }) {
  return (
    <form action={chooseLocale} className="locale-switch" aria-label={label}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className={locale === current ? "active" : undefined}
        >
          {LOCALE_NAMES[locale]}
        </button>
      ))}
    </form>
  );
}
