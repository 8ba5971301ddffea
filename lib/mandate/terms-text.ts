import type { Locale } from "@/lib/i18n/locales";

/**
 * The mandate texts a customer agrees to. Each text states the four points Stripe
 * requires for off-session payments: permission to initiate one or a series of
 * payments, their frequency and timing, how the amount is determined, and the
 * cancellation policy. Changing any text requires a new version: the old one
 * stays here because consent records point at it (terms.test.ts enforces this).
 */
export interface TermsParams {
  merchant: string;
  wallet: string;
  /** Formatted plan price, e.g. "$15.00" or "₩100,000"; subscriptions only. */
  amount?: string;
  /** Formatted date of the first charge; deferred-payment subscriptions only. */
  firstCharge?: string;
}

type Template = (p: TermsParams) => string;

export const SAVE_WALLET_TERMS: Record<string, Record<Locale, Template>> = {
  "2026-11-01": {
    en: (p) =>
      `By continuing, you authorise ${p.merchant} to save your ${p.wallet} account and to initiate a single payment or a series of payments from it on your behalf until you revoke this authorisation. ` +
      `Frequency and timing: a payment is taken when you make a purchase, and for a subscription you start, once each billing period on its renewal date, also when you are not using our site. ` +
      `Amount: each payment is the price shown to you for that purchase, or the price of your plan for that period. ` +
      `Cancellation: you can revoke this authorisation at any time on your account page, which removes the saved ${p.wallet} account; no payment is initiated after that, and payments already made are not affected.`,
    ja: (p) =>
      `続行すると、お客様は ${p.merchant} に対し、お客様の ${p.wallet} アカウントを保存し、この許可が取り消されるまで、お客様の代理として同アカウントから単独の支払いまたは一連の支払いを開始することを許可したものとみなされます。` +
      `支払いの頻度とタイミング：ご購入時に、またお申し込みのサブスクリプションについては各請求期間の更新日に 1 回、お客様がサイトをご利用でないときにも支払いが行われます。` +
      `金額の決定方法：各支払いの金額は、ご購入時に表示された価格、またはその期間のプランの価格です。` +
      `キャンセル：この許可はアカウントページからいつでも取り消すことができ、保存された ${p.wallet} アカウントは削除されます。取り消し後に支払いが開始されることはなく、すでに行われた支払いには影響しません。`,
    ko: (p) =>
      `계속하면 귀하는 ${p.merchant}가 귀하의 ${p.wallet} 계정을 저장하고, 이 승인을 철회할 때까지 귀하를 대신하여 해당 계정에서 단건 결제 또는 일련의 결제를 시작하는 것을 승인하게 됩니다. ` +
      `결제 빈도 및 시기: 구매 시, 그리고 가입한 구독의 경우 각 청구 기간의 갱신일에 한 번씩 결제되며, 귀하가 사이트를 이용하지 않는 동안에도 결제될 수 있습니다. ` +
      `금액 결정 방법: 각 결제 금액은 해당 구매 시 표시된 가격 또는 해당 기간의 플랜 가격입니다. ` +
      `취소: 계정 페이지에서 언제든지 이 승인을 철회할 수 있으며, 저장된 ${p.wallet} 계정은 삭제됩니다. 철회 후에는 결제가 시작되지 않으며 이미 이루어진 결제에는 영향이 없습니다.`,
    de: (p) =>
      `Indem Sie fortfahren, ermächtigen Sie ${p.merchant}, Ihr ${p.wallet}-Konto zu speichern und in Ihrem Namen eine einzelne Zahlung oder eine Reihe von Zahlungen von diesem Konto zu veranlassen, bis Sie diese Ermächtigung widerrufen. ` +
      `Häufigkeit und Zeitpunkt: Eine Zahlung erfolgt bei einem Kauf und bei einem von Ihnen abgeschlossenen Abonnement einmal pro Abrechnungszeitraum am Verlängerungstag, auch wenn Sie unsere Website gerade nicht nutzen. ` +
      `Betrag: Jede Zahlung entspricht dem Ihnen beim Kauf angezeigten Preis bzw. dem Preis Ihres Tarifs für den jeweiligen Zeitraum. ` +
      `Kündigung: Sie können diese Ermächtigung jederzeit auf Ihrer Kontoseite widerrufen; das gespeicherte ${p.wallet}-Konto wird dann entfernt, danach wird keine Zahlung mehr veranlasst, bereits erfolgte Zahlungen bleiben unberührt.`,
  },
};

export const SUBSCRIPTION_TERMS: Record<string, Record<Locale, Template>> = {
  "2026-11-01": {
    en: (p) =>
      `By subscribing, you authorise ${p.merchant} to initiate a series of payments from your ${p.wallet} account on your behalf for this subscription until you cancel it. ` +
      `Frequency and timing: the first payment is taken today and then one payment every month on the same day of the month, also when you are not using our site. ` +
      `Amount: ${p.amount} per month, the plan price; if the price changes, we tell you at least 30 days before the change applies. ` +
      `Cancellation: you can cancel at any time on your account page, at the end of the paid period or immediately; no payment is taken after cancellation, and you can also revoke the saved ${p.wallet} account there.`,
    ja: (p) =>
      `お申し込みにより、お客様は ${p.merchant} に対し、本サブスクリプションを解約されるまで、お客様の代理として ${p.wallet} アカウントから一連の支払いを開始することを許可したものとみなされます。` +
      `支払いの頻度とタイミング：初回の支払いは本日行われ、その後は毎月同じ日に 1 回、お客様がサイトをご利用でないときにも支払いが行われます。` +
      `金額の決定方法：プラン価格の月額 ${p.amount} です。価格が変更される場合は、適用の 30 日以上前にお知らせします。` +
      `キャンセル：アカウントページからいつでも、支払い済み期間の終了時または即時に解約できます。解約後に支払いが行われることはなく、保存された ${p.wallet} アカウントの許可も同ページで取り消せます。`,
    ko: (p) =>
      `구독하면 귀하는 ${p.merchant}가 구독을 취소할 때까지 이 구독을 위해 귀하를 대신하여 ${p.wallet} 계정에서 일련의 결제를 시작하는 것을 승인하게 됩니다. ` +
      `결제 빈도 및 시기: 첫 결제는 오늘 이루어지며, 이후 매월 같은 날짜에 한 번씩 결제되고 귀하가 사이트를 이용하지 않는 동안에도 결제될 수 있습니다. ` +
      `금액 결정 방법: 플랜 가격인 월 ${p.amount}입니다. 가격이 변경되는 경우 적용 30일 전까지 알려 드립니다. ` +
      `취소: 계정 페이지에서 언제든지 결제된 기간이 끝날 때 또는 즉시 취소할 수 있습니다. 취소 후에는 결제되지 않으며, 같은 페이지에서 저장된 ${p.wallet} 계정의 승인도 철회할 수 있습니다.`,
    de: (p) =>
      `Mit dem Abschluss des Abonnements ermächtigen Sie ${p.merchant}, in Ihrem Namen eine Reihe von Zahlungen von Ihrem ${p.wallet}-Konto für dieses Abonnement zu veranlassen, bis Sie es kündigen. ` +
      `Häufigkeit und Zeitpunkt: Die erste Zahlung erfolgt heute, danach eine Zahlung pro Monat am selben Tag des Monats, auch wenn Sie unsere Website gerade nicht nutzen. ` +
      `Betrag: ${p.amount} pro Monat, der Preis des Tarifs; ändert sich der Preis, informieren wir Sie mindestens 30 Tage vorher. ` +
      `Kündigung: Sie können jederzeit auf Ihrer Kontoseite kündigen, zum Ende des bezahlten Zeitraums oder sofort; nach der Kündigung erfolgt keine Zahlung mehr, und dort können Sie auch das gespeicherte ${p.wallet}-Konto widerrufen.`,
  },
};

/** Trials and free first periods (seed 003): nothing is charged today, the first payment later, off-session. */
export const DEFERRED_SUBSCRIPTION_TERMS: Record<string, Record<Locale, Template>> = {
  "2026-11-01": {
    en: (p) =>
      `By subscribing, you authorise ${p.merchant} to initiate a series of payments from your ${p.wallet} on your behalf for this subscription until you cancel it. ` +
      `Frequency and timing: nothing is charged today; the first payment is taken on ${p.firstCharge} and then one payment every month on the same day of the month, also when you are not using our site. ` +
      `Amount: ${p.amount} per month, the plan price; if the price changes, we tell you at least 30 days before the change applies. ` +
      `Cancellation: you can cancel at any time on your account page; if you cancel before ${p.firstCharge}, nothing is charged at all.`,
    ja: (p) =>
      `お申し込みにより、お客様は ${p.merchant} に対し、本サブスクリプションを解約されるまで、お客様の代理として ${p.wallet} から一連の支払いを開始することを許可したものとみなされます。` +
      `支払いの頻度とタイミング：本日の請求はありません。初回の支払いは ${p.firstCharge} に行われ、その後は毎月同じ日に 1 回、お客様がサイトをご利用でないときにも支払いが行われます。` +
      `金額の決定方法：プラン価格の月額 ${p.amount} です。価格が変更される場合は、適用の 30 日以上前にお知らせします。` +
      `キャンセル：アカウントページからいつでも解約できます。${p.firstCharge} より前に解約された場合、請求は一切発生しません。`,
    ko: (p) =>
      `구독하면 귀하는 ${p.merchant}가 구독을 취소할 때까지 이 구독을 위해 귀하를 대신하여 ${p.wallet}에서 일련의 결제를 시작하는 것을 승인하게 됩니다. ` +
      `결제 빈도 및 시기: 오늘은 청구되지 않으며, 첫 결제는 ${p.firstCharge}에 이루어지고 이후 매월 같은 날짜에 한 번씩 결제되며 귀하가 사이트를 이용하지 않는 동안에도 결제될 수 있습니다. ` +
      `금액 결정 방법: 플랜 가격인 월 ${p.amount}입니다. 가격이 변경되는 경우 적용 30일 전까지 알려 드립니다. ` +
      `취소: 계정 페이지에서 언제든지 취소할 수 있으며, ${p.firstCharge} 이전에 취소하면 전혀 청구되지 않습니다.`,
    de: (p) =>
      `Mit dem Abschluss des Abonnements ermächtigen Sie ${p.merchant}, in Ihrem Namen eine Reihe von Zahlungen von Ihrer Zahlungsmethode (${p.wallet}) für dieses Abonnement zu veranlassen, bis Sie es kündigen. ` +
      `Häufigkeit und Zeitpunkt: Heute wird nichts belastet; die erste Zahlung erfolgt am ${p.firstCharge}, danach eine Zahlung pro Monat am selben Tag des Monats, auch wenn Sie unsere Website gerade nicht nutzen. ` +
      `Betrag: ${p.amount} pro Monat, der Preis des Tarifs; ändert sich der Preis, informieren wir Sie mindestens 30 Tage vorher. ` +
      `Kündigung: Sie können jederzeit auf Ihrer Kontoseite kündigen; kündigen Sie vor dem ${p.firstCharge}, wird nichts belastet.`,
  },
};

/**
 * A new payment method for an existing subscription (the account's fix page):
 * no "first payment today", since the subscription already runs; what is overdue
 * (if anything) is paid at once with the new method.
 */
export const REPLACE_METHOD_TERMS: Record<string, Record<Locale, Template>> = {
  "2026-12-01": {
    en: (p) =>
      `By agreeing, you authorise ${p.merchant} to initiate a series of payments from your payment method (${p.wallet}) on your behalf for your existing subscription until you cancel it; it replaces the method that paid it so far. ` +
      `Frequency and timing: an overdue payment of this subscription, if there is one, is taken today; then one payment every month on the subscription's billing date, also when you are not using our site. ` +
      `Amount: ${p.amount} per month, the plan price, and any overdue amount shown on this page; if the price changes, we tell you at least 30 days before the change applies. ` +
      `Cancellation: you can cancel at any time on your account page, at the end of the paid period or immediately; no payment is taken after cancellation, and you can also revoke this payment method there.`,
    ja: (p) =>
      `同意により、お客様は ${p.merchant} に対し、ご契約中のサブスクリプションを解約されるまで、お客様の代理としてお支払い方法（${p.wallet}）から一連の支払いを開始することを許可したものとみなされます。これまでのお支払い方法に代わって使われます。` +
      `支払いの頻度とタイミング：このサブスクリプションに未払いの請求がある場合は本日お支払いいただき、その後は毎月の請求日に 1 回、お客様がサイトをご利用でないときにも支払いが行われます。` +
      `金額の決定方法：プラン価格の月額 ${p.amount} と、このページに表示された未払い額です。価格が変更される場合は、適用の 30 日以上前にお知らせします。` +
      `キャンセル：アカウントページからいつでも、支払い済み期間の終了時または即時に解約できます。解約後に支払いが行われることはなく、このお支払い方法の許可も同ページで取り消せます。`,
    ko: (p) =>
      `동의하면 귀하는 ${p.merchant}가 이용 중인 구독을 취소할 때까지 이 구독을 위해 귀하를 대신하여 결제 수단(${p.wallet})에서 일련의 결제를 시작하는 것을 승인하게 됩니다. 이 결제 수단은 지금까지의 결제 수단을 대신합니다. ` +
      `결제 빈도 및 시기: 이 구독에 미결제 금액이 있으면 오늘 결제되며, 이후 매월 구독 청구일에 한 번씩 결제되고 귀하가 사이트를 이용하지 않는 동안에도 결제될 수 있습니다. ` +
      `금액 결정 방법: 플랜 가격인 월 ${p.amount}와 이 페이지에 표시된 미결제 금액입니다. 가격이 변경되는 경우 적용 30일 전까지 알려 드립니다. ` +
      `취소: 계정 페이지에서 언제든지 결제된 기간이 끝날 때 또는 즉시 취소할 수 있습니다. 취소 후에는 결제되지 않으며, 같은 페이지에서 이 결제 수단의 승인도 철회할 수 있습니다.`,
    de: (p) =>
      `Mit Ihrer Zustimmung ermächtigen Sie ${p.merchant}, in Ihrem Namen eine Reihe von Zahlungen von Ihrer Zahlungsmethode (${p.wallet}) für Ihr bestehendes Abonnement zu veranlassen, bis Sie es kündigen; sie ersetzt die bisherige Zahlungsmethode. ` +
      `Häufigkeit und Zeitpunkt: Ist eine Zahlung dieses Abonnements überfällig, wird sie heute belastet; danach eine Zahlung pro Monat am Abrechnungstag des Abonnements, auch wenn Sie unsere Website gerade nicht nutzen. ` +
      `Betrag: ${p.amount} pro Monat, der Preis des Tarifs, sowie ein auf dieser Seite angezeigter überfälliger Betrag; ändert sich der Preis, informieren wir Sie mindestens 30 Tage vorher. ` +
      `Kündigung: Sie können jederzeit auf Ihrer Kontoseite kündigen, zum Ende des bezahlten Zeitraums oder sofort; nach der Kündigung wird nichts mehr belastet, und Sie können dort auch diese Zahlungsmethode widerrufen.`,
  },
};
