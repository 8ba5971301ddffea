import { randomUUID } from "node:crypto";
import { chargeAction, revokeAction } from "@/app/admin/mandates/[id]/actions";
import type { Messages } from "@/lib/i18n/messages";
import { WALLET_CURRENCIES, isWallet } from "@/lib/mandate/wallets";

/**
 * The charge and revoke forms. Each render carries a fresh action id: the
 * server claims it once, so a double click or a resubmitted form does the
 * action once. The confirmation tick is checked on the server too.
 */
export function MandateActions({
  consent,
  t,
}: {
  consent: { id: string; status: string; paymentMethodType: string };
  t: Messages;
}) {
  if (consent.status !== "active") {
    return <p className="muted">{t.adminNoActions}</p>;
  }
  const currencies = isWallet(consent.paymentMethodType) ? WALLET_CURRENCIES[consent.paymentMethodType] : [];
  return (
    <>
      {currencies.length > 0 ? (
        <form action={chargeAction} className="action-form" aria-labelledby="charge-title">
          <h3 id="charge-title">{t.adminChargeTitle}</h3>
          <input type="hidden" name="actionId" value={randomUUID()} />
          <input type="hidden" name="consentId" value={consent.id} />
          <label>
            {t.adminChargeAmount}
            <input name="amount" inputMode="decimal" required pattern="\d{1,9}(\.\d{1,2})?" />
          </label>
          <label>
            {t.adminChargeCurrency}
            <select name="currency" defaultValue={currencies[0]}>
              {currencies.map((currency) => (
                <option key={currency} value={currency}>
                  {currency.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.adminChargeDescription}
            <input name="description" required maxLength={200} />
          </label>
          <label className="confirm">
            <input type="checkbox" name="confirm" required />
            {t.adminChargeConfirm}
          </label>
          <button type="submit" className="primary">
            {t.adminChargeSubmit}
          </button>
        </form>
      ) : null}
      <form action={revokeAction} className="action-form" aria-labelledby="revoke-title">
        <h3 id="revoke-title">{t.adminRevokeTitle}</h3>
        <input type="hidden" name="actionId" value={randomUUID()} />
        <input type="hidden" name="consentId" value={consent.id} />
        <label>
          {t.adminRevokeReason}
          <textarea name="reason" required minLength={3} maxLength={500} rows={2} />
        </label>
        <label className="confirm">
          <input type="checkbox" name="confirm" required />
          {t.adminRevokeConfirm}
        </label>
        <button type="submit">{t.adminRevokeSubmit}</button>
      </form>
    </>
  );
}
