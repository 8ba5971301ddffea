import Link from "next/link";
import type { Messages } from "@/lib/i18n/messages";

interface Props {
  t: Messages;
  body: string;
  action: (formData: FormData) => Promise<void>;
  fields: Record<string, string>;
  confirmLabel: string;
}

/** A destructive action asked for: said plainly, confirmed with a second click, or left alone. Works without JavaScript. */
export function ConfirmPanel({ t, body, action, fields, confirmLabel }: Props) {
  return (
    <form action={action} className="notice warn confirm" data-testid="confirm" aria-labelledby="confirm-title">
      <h4 id="confirm-title">{t.confirmTitle}</h4>
      <p>{body}</p>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="actions">
        <button type="submit" className="danger" autoFocus>
          {confirmLabel}
        </button>
        <Link href="/account">{t.keepIt}</Link>
      </div>
    </form>
  );
}
