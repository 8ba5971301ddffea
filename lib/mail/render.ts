import type { OutboxEmail } from "@/lib/db/models";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { isEmailKind, type EmailData, type EmailKind } from "./kinds";
import { layout, type RenderedEmail } from "./layout";
import { TEMPLATES, type Template } from "./templates";

/** Renders an outbox row into its subject, plain text and HTML, in the row's locale. */
export function renderEmail(row: Pick<OutboxEmail, "kind" | "locale" | "data">, appUrl: string): RenderedEmail {
  if (!isEmailKind(row.kind)) throw new Error(`unknown email kind "${row.kind}"`);
  const locale = isLocale(row.locale) ? row.locale : DEFAULT_LOCALE;
  const template = TEMPLATES[row.kind] as Template<EmailKind>;
  return layout(template(JSON.parse(row.data) as EmailData[EmailKind], { locale, appUrl }), locale);
}
