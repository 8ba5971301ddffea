import { redirect } from "next/navigation";
import { AdminSignIn } from "@/components/auth/admin-sign-in";
import { SessionControls } from "@/components/auth/session-controls";
import { ADMIN_SETUP_PATH, adminAccessOf } from "@/lib/auth/guard";
import { currentSession, isAdmin } from "@/lib/auth/session";
import { requestMessages } from "@/lib/i18n/request-locale";

export const dynamic = "force-dynamic";

export default async function AdminSignInPage() {
  const session = await currentSession();
  const access = await adminAccessOf(session);
  if (access === "granted") redirect("/admin");
  if (access === "setup") redirect(ADMIN_SETUP_PATH);
  const { t } = await requestMessages();
  return (
    <section>
      <h1>{t.adminSignInTitle}</h1>
      {session && !isAdmin(session) ? (
        <>
          <p className="notice bad" role="alert">
            {t.adminNotAdmin}
          </p>
          <SessionControls t={t} />
        </>
      ) : (
        <>
          <p className="lead">{t.adminSignInIntro}</p>
          {/* An admin whose session proved no second factor (e.g. a passkey without user verification). */}
          {session && (
            <p className="notice" role="status">
              {t.adminNeedsSecondFactor}
            </p>
          )}
          <AdminSignIn t={t} />
        </>
      )}
    </section>
  );
}
