import { redirect } from "next/navigation";
import { AdminSignIn } from "@/components/auth/admin-sign-in";
import { SessionControls } from "@/components/auth/session-controls";
import { currentSession, isAdmin } from "@/lib/auth/session";
import { requestMessages } from "@/lib/i18n/request-locale";

export const dynamic = "force-dynamic";

export default async function AdminSignInPage() {
  const session = await currentSession();
  if (isAdmin(session)) redirect("/admin");
  const { t } = await requestMessages();
  return (
    <section>
      <h1>{t.adminSignInTitle}</h1>
      {session ? (
        <>
          <p className="notice bad" role="alert">
            {t.adminNotAdmin}
          </p>
          <SessionControls t={t} />
        </>
      ) : (
        <>
          <p className="lead">{t.adminSignInIntro}</p>
          <AdminSignIn t={t} />
        </>
      )}
    </section>
  );
}
