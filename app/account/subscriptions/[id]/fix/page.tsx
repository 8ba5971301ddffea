import { randomUUID } from "node:crypto";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConsentForm } from "@/components/consent-form";
import { FixCardForm } from "@/components/card/fix-card-form";
import { StripeElementsProvider } from "@/components/card/stripe-elements-provider";
import { OWING, cardPays, replaceableSubscription, walletsFor } from "@/lib/billing/replace-method";
import { formatMoney } from "@/lib/catalogue/money";
import { latestUnpaidPayment } from "@/lib/db/subscription-payments";
import { formatDate } from "@/lib/i18n/dates";
import { failureMessage } from "@/lib/i18n/error-message";
import { format } from "@/lib/i18n/messages";
import { requestMessages } from "@/lib/i18n/request-locale";
import { renderTerms } from "@/lib/mandate/terms";
import { WALLET_NAMES } from "@/lib/mandate/wallets";
import { browserStripeConfig } from "@/lib/stripe/browser-config";
import { currentCustomerId } from "@/lib/session-cookie";
import { replaceMethodAction } from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("fixTitle");

/**
 * Pay a subscription with another method: after a failed renewal or first
 * payment (the open invoice is paid at once), or before revoking the current one.
 */
export default async function FixPaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { locale, t } = await requestMessages();
  const customerId = await currentCustomerId();
  if (!customerId) {
    return (
      <section>
        <h1>{t.fixTitle}</h1>
        <p className="notice">{t.accountSignedOut}</p>
        <Link href="/account">{t.backToAccount}</Link>
      </section>
    );
  }
  const row = await replaceableSubscription(customerId, (await params).id);
  if (!row) notFound();
  const owing = OWING.has(row.status);
  const unpaid = owing ? await latestUnpaidPayment(row.id) : null;
  const amount = formatMoney(unpaid?.amountDue ?? row.unitAmount, row.currency, locale);
  const wallets = walletsFor(row.currency).map((wallet) => {
    const terms = renderTerms({
      purpose: "replace_method",
      locale,
      wallet,
      amount: formatMoney(row.unitAmount, row.currency, locale),
    });
    return { id: wallet, name: WALLET_NAMES[wallet], termsText: terms.text, termsVersion: terms.version };
  });
  const submitLabel = owing ? format(t.fixSubmit, { amount }) : t.replaceSubmit;
  const cardTerms = cardPays(row.currency)
    ? renderTerms({
        purpose: "replace_method",
        locale,
        wallet: "card",
        amount: formatMoney(row.unitAmount, row.currency, locale),
      })
    : null;
  return (
    <section>
      <h1>{t.fixTitle}</h1>
      {unpaid && (
        <div className="notice bad" data-testid="fix-what-failed">
          <p>{format(t.pastDueWhat, { amount, date: formatDate(unpaid.invoiceCreated, locale) })}</p>
          <p>
            <strong>{t.failedBecause}:</strong> {failureMessage(unpaid.failureCode, t)}
          </p>
        </div>
      )}
      <p className="lead">{format(owing ? t.fixIntro : t.replaceIntro, { amount })}</p>
      <section aria-labelledby="fix-wallet-heading" data-testid="fix-wallet">
        <h2 id="fix-wallet-heading">{t.fixWithWallet}</h2>
        <ConsentForm
          action={replaceMethodAction}
          hiddenFields={{ subscription: row.id }}
          accountEmail={null}
          submitLabel={submitLabel}
          submissionId={randomUUID()}
          locale={locale}
          messages={t}
          wallets={wallets}
          initialWallet={wallets[0]!.id}
          initialEmail=""
          askEmail={false}
          stripe={browserStripeConfig()}
        />
      </section>
      {cardTerms && (
        <section aria-labelledby="fix-card-heading" data-testid="fix-card-section">
          <h2 id="fix-card-heading">{t.fixWithCard}</h2>
          <noscript>
            <p className="notice">{t.cardNeedsJs}</p>
          </noscript>
          <StripeElementsProvider config={browserStripeConfig()}>
            <FixCardForm
              subscriptionId={row.id}
              submissionId={randomUUID()}
              locale={locale}
              terms={{ text: cardTerms.text, version: cardTerms.version }}
              submitLabel={submitLabel}
              t={t}
            />
          </StripeElementsProvider>
        </section>
      )}
      <p>
        <Link href="/account">{t.backToAccount}</Link>
      </p>
    </section>
  );
}
