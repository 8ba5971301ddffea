import Link from "next/link";

const LINKS = [
  ["/admin", "Overview"],
  ["/admin/mandates", "Mandates"],
  ["/admin/webhooks", "Webhooks"],
  ["/admin/audit", "Audit log"],
] as const;

/** The admin console's navigation; `current` marks the section for assistive technology. */
export function AdminNav({ current, email }: { current: string; email: string }) {
  return (
    <nav className="admin-nav" aria-label="Admin">
      {LINKS.map(([href, label]) => (
        <Link key={href} href={href} aria-current={current === href ? "page" : undefined}>
          {label}
        </Link>
      ))}
      <span className="muted">{email}</span>
    </nav>
  );
}
