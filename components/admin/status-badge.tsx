import { statusLabel, type StatusDomain } from "@/lib/admin/labels";
import type { Messages } from "@/lib/i18n/messages";

/** A status as a word with a colour (the word carries the meaning; the colour only helps). */
export function StatusBadge({ status, domain, t }: { status: string; domain: StatusDomain; t: Messages }) {
  return (
    <span className={`badge ${status}`} data-status={status}>
      {statusLabel(t, domain, status)}
    </span>
  );
}
