import { SessionControls } from "@/components/auth/session-controls";
import { requireAdmin } from "@/lib/auth/guard";
import { format } from "@/lib/i18n/messages";
import { requestMessages } from "@/lib/i18n/request-locale";

export const dynamic = "force-dynamic";

/** The admin landing page: who is signed in (the console itself builds on this guard). */
export default async function AdminPage() {
  const admin = await requireAdmin();
  const { t } = await requestMessages();
  return (
    <section>
      <h1>{t.adminTitle}</h1>
      <p className="lead" data-testid="admin-identity">
        {format(t.adminSignedInAs, { email: admin.email })}
      </p>
      <p>{t.adminPlaceholder}</p>
      <SessionControls t={t} />
    </section>
  );
}
