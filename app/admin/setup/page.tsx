import Link from "next/link";
import { redirect } from "next/navigation";
import { AdminPasswordForm } from "@/components/auth/admin-password-form";
import { AdminSetupCode } from "@/components/auth/admin-setup-code";
import { PasskeysPanel } from "@/components/auth/passkeys-panel";
import { SessionControls } from "@/components/auth/session-controls";
import { ADMIN_SIGN_IN_PATH, adminAccessOf } from "@/lib/auth/guard";
import { currentSession } from "@/lib/auth/session";
import { hasPassword } from "@/lib/db/admin-accounts";
import { listPasskeysOfUser } from "@/lib/db/passkeys";
import { formatDate } from "@/lib/i18n/dates";
import { format } from "@/lib/i18n/messages";
import { requestMessages } from "@/lib/i18n/request-locale";

export const dynamic = "force-dynamic";

/**
 * Where admin:create's one-time link leads: a password, then the emailed-code
 * second factor, before any other /admin page opens. Once done, an optional passkey.
 */
export default async function AdminSetupPage() {
  const session = await currentSession();
  const access = await adminAccessOf(session);
  if (!session || access === "sign-in") redirect(ADMIN_SIGN_IN_PATH);
  const { t, locale } = await requestMessages();
  const email = session.user.email;

  if (access === "granted") {
    const passkeys = await listPasskeysOfUser(session.user.id);
    return (
      <section className="stack">
        <h1>{t.adminSetupTitle}</h1>
        <p className="notice ok" role="status" data-testid="admin-setup-done">
          {format(t.adminSetupDone, { email })}
        </p>
        <h2>{t.adminSetupPasskey}</h2>
        <PasskeysPanel
          t={t}
          passkeys={passkeys.map((p) => ({
            id: p.id,
            label: `${p.name || t.passkeysTitle} · ${format(t.passkeyCreatedOn, { date: p.createdAt ? formatDate(p.createdAt, locale) : "" })}`,
          }))}
          canAdd={session.user.emailVerified}
        />
        <p>
          <Link href="/admin">{t.adminSetupContinue}</Link>
        </p>
      </section>
    );
  }

  const passwordSet = await hasPassword(session.user.id);
  return (
    <section className="stack">
      <h1>{t.adminSetupTitle}</h1>
      <p className="lead">{t.adminSetupIntro}</p>
      <h2>{t.adminSetupPasswordStep}</h2>
      {passwordSet ? <p className="notice ok">{t.adminSetupPasswordAlreadySet}</p> : <AdminPasswordForm t={t} />}
      <h2>{t.adminSetupCodeStep}</h2>
      {passwordSet && <AdminSetupCode t={t} email={email} />}
      <SessionControls t={t} />
    </section>
  );
}
