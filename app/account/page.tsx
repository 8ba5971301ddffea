import Link from "next/link";
import { MandateCard } from "@/components/account/mandate-card";
import { SubscriptionCard } from "@/components/account/subscription-card";
import { DevClock } from "@/components/account/dev-clock";
import { PendingSetupPanel } from "@/components/account/pending-setup-panel";
import { customerClockTime } from "@/lib/billing/advance-clock";
import { pendingSetupOf } from "@/lib/billing/pending-setup-of";
import { resumeUrlOf } from "@/lib/billing/resume-setup";
import { formatMoney } from "@/lib/catalogue/money";
import { formatDate } from "@/lib/i18n/dates";
import { format } from "@/lib/i18n/messages";
import { listConsentsOfCustomer } from "@/lib/db/consents";
import { listSubscriptionsOfCustomer } from "@/lib/db/subscriptions";
import type { SearchParams } from "@/lib/http/return-query";
import { requestMessages } from "@/lib/i18n/request-locale";
import { PasskeysPanel } from "@/components/auth/passkeys-panel";
import { SignInThenRefresh } from "@/components/auth/reload-after-sign-in";
import { SessionControls } from "@/components/auth/session-controls";
import { customerOfUser } from "@/lib/db/customers";
import { listPasskeysOfUser } from "@/lib/db/passkeys";
import { currentSession } from "@/lib/auth/session";
import type { PaymentMethodKind } from "@/lib/mandate/wallets";
import { titled } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("accountTitle");

/** The customer's subscriptions and the mandates they agreed to, with the exact terms they saw. */
export default async function AccountPage({ searchParams }: { searchParams: SearchParams }) {
  const { locale, t } = await requestMessages();
  const session = await currentSession();
  const customer = session ? await customerOfUser(session.user, locale) : null;
  if (!session || !customer) {
    const signedOutEverywhere = (await searchParams).done === "signed_out_everywhere";
    return (
      <section>
        <h1>{t.accountTitle}</h1>
        {signedOutEverywhere && (
          <p className="notice ok" role="status">
            {t.doneSignedOutEverywhere}
          </p>
        )}
        <h2>{t.signInTitle}</h2>
        <SignInThenRefresh t={t} />
        <p>
          <Link href="/pricing">{t.pricingTitle}</Link>
        </p>
      </section>
    );
  }
  const [subscriptions, consents, query, passkeys] = await Promise.all([
    listSubscriptionsOfCustomer(customer.id),
    listConsentsOfCustomer(customer.id),
    searchParams,
    listPasskeysOfUser(session.user.id),
  ]);
  const resumeUrls = new Map(
    await Promise.all(
      consents
        .filter((c) => c.status === "pending")
        .map(async (c) => [c.id, await resumeUrlOf(c.setupIntentId, c.checkoutSessionId)] as const),
    ),
  );
  // Card subscriptions whose pending SetupIntent still needs the customer (seed 003).
  const pendingSetups = new Map(
    await Promise.all(
      subscriptions
        // An active or revoked consent has no SetupIntent left to finish: no need to ask Stripe.
        .filter((s) => s.consent.paymentMethodType === "card" && s.status !== "canceled")
        .filter((s) => s.consent.status === "pending" || s.consent.status === "failed")
        .map(async (s) => [s.id, await pendingSetupOf(s.consent.setupIntentId)] as const),
    ),
  );
  const clockTime = await customerClockTime(customer.testClockId);
  // Which consent's method pays each live subscription now (a replacement, else the original).
  const payingConsent = (s: (typeof subscriptions)[number]) => s.paymentConsentId ?? s.consentId;
  const live = subscriptions.filter((s) => s.status !== "canceled" && s.status !== "incomplete_expired");
  const methodOf = new Map(consents.map((c) => [c.id, c.paymentMethodType as PaymentMethodKind]));
  const confirmCancel = query.confirm === "now" || query.confirm === "period_end" ? query.confirm : null;
  const done = {
    canceled: t.doneCanceled,
    cancel_scheduled: t.doneCancelScheduled,
    revoked: t.doneRevoked,
    clock: t.doneClock,
    resumed: t.doneResumed,
  }[String(query.done)];
  return (
    <section>
      <h1>{t.accountTitle}</h1>
      <p className="lead" data-testid="account-email">
        {customer.email}
      </p>
      {done && (
        <p className="notice ok" role="status">
          {done}
        </p>
      )}
      {query.error && (
        <p className="notice bad" role="alert">
          {query.error === "busy" ? t.subscriptionBusy : t.actionFailed}
        </p>
      )}
      <h2>{t.accountSubscriptions}</h2>
      {subscriptions.length === 0 && <p>{t.accountNoSubscriptions}</p>}
      {subscriptions.map((subscription) => (
        <SubscriptionCard
          key={subscription.id}
          subscription={subscription}
          paidWith={
            methodOf.get(payingConsent(subscription)) ?? (subscription.consent.paymentMethodType as PaymentMethodKind)
          }
          confirming={query.subscription === subscription.id ? confirmCancel : null}
          pendingSetup={
            pendingSetups.get(subscription.id) ? (
              <PendingSetupPanel
                subscriptionId={subscription.id}
                pending={pendingSetups.get(subscription.id)!}
                doneMessage={format(t.setupDoneBody, {
                  amount: formatMoney(subscription.unitAmount, subscription.currency, locale),
                  date: subscription.currentPeriodEnd ? formatDate(subscription.currentPeriodEnd, locale) : "",
                })}
                t={t}
              />
            ) : null
          }
          t={t}
          locale={locale}
        />
      ))}
      {clockTime && <DevClock now={clockTime} t={t} locale={locale} />}
      <h2>{t.accountPaymentMethods}</h2>
      {consents.length === 0 && <p>{t.accountNoWallets}</p>}
      {consents.map((consent) => (
        <MandateCard
          key={consent.id}
          consent={consent}
          resumeUrl={resumeUrls.get(consent.id) ?? null}
          pays={live.filter((s) => payingConsent(s) === consent.id)}
          confirming={query.revoke === consent.id}
          t={t}
          locale={locale}
        />
      ))}
      <h2>{t.passkeysTitle}</h2>
      <PasskeysPanel
        t={t}
        canAdd={session.user.emailVerified}
        passkeys={passkeys.map((p) => ({
          id: p.id,
          label: `${p.name || t.passkeysTitle} · ${format(t.passkeyCreatedOn, { date: p.createdAt ? formatDate(p.createdAt, locale) : "" })}`,
        }))}
      />
      <SessionControls t={t} />
    </section>
  );
}
