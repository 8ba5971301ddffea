import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

/** The mandate text exactly as it will be stored with the consent, its version, and the explicit tick. */
export function MandateTerms(props: {
  text: string;
  version: string;
  locale: Locale;
  t: Messages;
  invalid?: boolean;
  /** The id of the message that explains the error (defaults to the consent form's). */
  errorId?: string;
}) {
  const { text, version, locale, t, invalid = false, errorId = "consent-error" } = props;
  return (
    <>
      <div>
        <h2>{t.termsHeading}</h2>
        <p className="terms" data-testid="mandate-terms" lang={locale}>
          {text}
        </p>
        <p className="terms-meta">
          {t.termsVersion} {version} · {locale}
        </p>
      </div>
      <label className="consent">
        <input
          type="checkbox"
          name="consent"
          required
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
        />
        {t.consent}
      </label>
    </>
  );
}
