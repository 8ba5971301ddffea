import { fixPath } from "@/lib/billing/fix-path";
import { formatMoney } from "@/lib/catalogue/money";
import { formatDate, formatTimestamp } from "@/lib/i18n/dates";
import type { Locale } from "@/lib/i18n/locales";
import { format, MESSAGES } from "@/lib/i18n/messages";
import { MERCHANT_NAME } from "@/lib/mandate/terms";
import { methodName, type PaymentMethodKind } from "@/lib/mandate/wallets";
import type { EmailData, EmailKind } from "./kinds";
import type { EmailContent } from "./layout";

/** Links in emails point at the public app origin. */
export interface TemplateContext {
  locale: Locale;
  appUrl: string;
}

export type Template<K extends EmailKind> = (data: EmailData[K], context: TemplateContext) => EmailContent;

const method = (kind: string, locale: Locale) => methodName(kind as PaymentMethodKind, locale);

export const TEMPLATES: { [K in EmailKind]: Template<K> } = {
  sign_in_code(data, { locale }) {
    const t = MESSAGES[locale];
    return {
      subject: format(t.mailSignInSubject, { merchant: MERCHANT_NAME, code: data.code }),
      blocks: [
        { type: "p", text: t.mailSignInBody },
        { type: "code", text: data.code },
        ...(data.link ? [{ type: "link" as const, label: t.mailSignInLink, url: data.link }] : []),
      ],
    };
  },

  mandate_confirmation(data, { locale, appUrl }) {
    const t = MESSAGES[locale];
    const values = { merchant: MERCHANT_NAME, method: method(data.paymentMethodType, locale) };
    return {
      subject: format(t.mailMandateSubject, values),
      blocks: [
        { type: "p", text: format(t.mailMandateBody, values) },
        {
          type: "p",
          text: format(t.mailMandateTerms, {
            version: data.termsVersion,
            date: formatTimestamp(new Date(data.acceptedAt), locale),
          }),
        },
        { type: "quote", text: data.termsText },
        ...(data.mandateId
          ? [{ type: "p" as const, text: format(t.mailMandateReference, { mandate: data.mandateId }) }]
          : []),
        { type: "p", text: t.mailMandateRevoke },
        { type: "link", label: t.mailOpenAccount, url: `${appUrl}/account` },
      ],
    };
  },

  receipt(data, { locale, appUrl }) {
    const t = MESSAGES[locale];
    const amount = formatMoney(data.amount, data.currency, locale);
    return {
      subject: format(t.mailReceiptSubject, { merchant: MERCHANT_NAME, amount }),
      blocks: [
        { type: "p", text: data.renewal ? t.mailReceiptRenewal : t.mailReceiptFirst },
        {
          type: "facts",
          rows: [
            [t.mailAmount, amount],
            [t.mailDate, formatDate(new Date(data.paidAt), locale)],
            [t.mailMethod, method(data.paymentMethodType, locale)],
            [t.mailInvoice, data.invoiceId],
          ],
        },
        { type: "link", label: t.mailOpenAccount, url: `${appUrl}/account` },
      ],
    };
  },

  renewal_failed(data, { locale, appUrl }) {
    const t = MESSAGES[locale];
    const values = {
      merchant: MERCHANT_NAME,
      amount: formatMoney(data.amount, data.currency, locale),
      method: method(data.paymentMethodType, locale),
    };
    return {
      subject: format(t.mailFailedSubject, values),
      blocks: [
        { type: "p", text: format(t.mailFailedBody, values) },
        { type: "link", label: t.mailFailedAction, url: `${appUrl}${fixPath(data.subscriptionId)}` },
      ],
    };
  },

  trial_ending(data, { locale, appUrl }) {
    const t = MESSAGES[locale];
    const values = {
      merchant: MERCHANT_NAME,
      date: formatDate(new Date(data.trialEnd), locale),
      amount: formatMoney(data.amount, data.currency, locale),
      method: method(data.paymentMethodType, locale),
    };
    return {
      subject: format(t.mailTrialSubject, values),
      blocks: [
        { type: "p", text: format(t.mailTrialBody, values) },
        { type: "link", label: t.mailOpenAccount, url: `${appUrl}/account` },
      ],
    };
  },

  mandate_revoked(data, { locale, appUrl }) {
    const t = MESSAGES[locale];
    const values = { merchant: MERCHANT_NAME, method: method(data.paymentMethodType, locale) };
    return {
      subject: format(t.mailRevokedSubject, values),
      blocks: [
        { type: "p", text: format(t.mailRevokedBody, values) },
        { type: "p", text: format(t.mailRevokedReason, { reason: data.reason }) },
        { type: "p", text: t.mailRevokedSubscription },
        { type: "link", label: t.mailOpenAccount, url: `${appUrl}/account` },
      ],
    };
  },
};
