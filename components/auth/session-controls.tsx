import { signOutAction, signOutEverywhereAction } from "@/app/account/auth-actions";
import type { Messages } from "@/lib/i18n/messages";

/** Sign out here, or end every session of the account. */
export function SessionControls({ t }: { t: Messages }) {
  return (
    <div className="stack">
      <form action={signOutAction}>
        <button type="submit">{t.signOut}</button>
      </form>
      <form action={signOutEverywhereAction}>
        <button type="submit">{t.signOutEverywhere}</button> <small>{t.signOutEverywhereHint}</small>
      </form>
    </div>
  );
}
