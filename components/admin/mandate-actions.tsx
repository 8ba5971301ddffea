import { randomUUID } from "node:crypto";
import { chargeAction, revokeAction } from "@/app/admin/mandates/[id]/actions";
import { WALLET_CURRENCIES, isWallet } from "@/lib/mandate/wallets";

/**
 * The charge and revoke forms. Each render carries a fresh action id: the
 * server claims it once, so a double click or a resubmitted form does the
 * action once. The confirmation tick is checked on the server too.
 */
export function MandateActions({ consent }: { consent: { id: string; status: string; paymentMethodType: string } }) {
  if (consent.status !== "active") {
    return <p className="muted">No actions: only an active mandate can be charged or revoked.</p>;
  }
  const currencies = isWallet(consent.paymentMethodType) ? WALLET_CURRENCIES[consent.paymentMethodType] : [];
  return (
    <>
      {currencies.length > 0 ? (
        <form action={chargeAction} className="action-form" aria-labelledby="charge-title">
          <h3 id="charge-title">Charge the saved wallet off-session</h3>
          <input type="hidden" name="actionId" value={randomUUID()} />
          <input type="hidden" name="consentId" value={consent.id} />
          <label>
            Amount (major units, e.g. 12.50; whole numbers for KRW and JPY)
            <input name="amount" inputMode="decimal" required pattern="\d{1,9}(\.\d{1,2})?" />
          </label>
          <label>
            Currency
            <select name="currency" defaultValue={currencies[0]}>
              {currencies.map((currency) => (
                <option key={currency} value={currency}>
                  {currency.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <label>
            Description (shown on the customer&apos;s statement details)
            <input name="description" required maxLength={200} />
          </label>
          <label className="confirm">
            <input type="checkbox" name="confirm" required />I confirm this charge to the customer&apos;s saved wallet
          </label>
          <button type="submit" className="primary">
            Charge now
          </button>
        </form>
      ) : null}
      <form action={revokeAction} className="action-form" aria-labelledby="revoke-title">
        <h3 id="revoke-title">Revoke this mandate</h3>
        <input type="hidden" name="actionId" value={randomUUID()} />
        <input type="hidden" name="consentId" value={consent.id} />
        <label>
          Reason (sent to the customer)
          <textarea name="reason" required minLength={3} maxLength={500} rows={2} />
        </label>
        <label className="confirm">
          <input type="checkbox" name="confirm" required />I confirm: detach the payment method and end the mandate
        </label>
        <button type="submit">Revoke mandate</button>
      </form>
    </>
  );
}
