import Link from "next/link";
import type { Messages } from "@/lib/i18n/messages";

const LINKS = [
  ["/admin", "adminNavOverview"],
  ["/admin/mandates", "adminNavMandates"],
  ["/admin/webhooks", "adminNavWebhooks"],
  ["/admin/audit", "adminNavAudit"],
] as const;

/** The admin console's navigation; `current` marks the section for assistive technology. */
export function AdminNav({ current, email, t }: { current: string; email: string; t: Messages }) {
  return (
    <nav className="admin-nav" aria-label={t.adminNavLabel}>
      {LINKS.map(([href, label]) => (
        <Link key={href} href={href} aria-current={current === href ? "page" : undefined}>
          {t[label]}
        </Link>
      ))}
      <span className="muted">{email}</span>
    </nav>
  );
}
