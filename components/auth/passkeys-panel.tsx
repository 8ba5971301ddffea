"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import type { Messages } from "@/lib/i18n/messages";

interface Props {
  t: Messages;
  passkeys: { id: string; label: string }[];
  /** Only an address proven by a code may add a passkey (the server refuses otherwise too). */
  canAdd: boolean;
}

/** The account's passkeys and a control to add one (WebAuthn through the browser). */
export function PasskeysPanel({ t, passkeys, canAdd }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function add() {
    setBusy(true);
    setMessage(null);
    const result = await authClient.passkey.addPasskey();
    setBusy(false);
    if (!result || result.error) return setMessage({ ok: false, text: t.passkeyAddFailed });
    setMessage({ ok: true, text: t.passkeyAdded });
    router.refresh();
  }

  return (
    <div className="stack" data-testid="passkeys">
      {passkeys.length === 0 ? (
        <p>{t.passkeyNone}</p>
      ) : (
        <ul>
          {passkeys.map((p) => (
            <li key={p.id}>{p.label}</li>
          ))}
        </ul>
      )}
      {canAdd ? (
        <div>
          <button type="button" onClick={() => void add()} disabled={busy}>
            {t.passkeyAdd}
          </button>
        </div>
      ) : (
        <p className="notice">{t.passkeyNeedsVerifiedEmail}</p>
      )}
      {message && (
        <p className={`notice ${message.ok ? "ok" : "bad"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
    </div>
  );
}
