"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";
import { format, type Messages } from "@/lib/i18n/messages";
import { authErrorMessage } from "@/lib/i18n/auth-error-message";
import { CodeField } from "./code-field";

/**
 * Setup step 2: a code is emailed to the admin and typed back, which turns on
 * the emailed-code second factor (and marks this session as having proved it).
 */
export function AdminSetupCode({ t, email }: { t: Messages; email: string }) {
  const router = useRouter();
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send() {
    if (busy) return;
    setBusy(true);
    setError(null);
    const { error: failed } = await authClient.twoFactor.sendOtp();
    setBusy(false);
    if (failed) return setError(authErrorMessage(t, failed, t.signInSendFailed));
    setSent(true);
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const { error: failed } = await authClient.twoFactor.verifyOtp({ code: code.trim() });
    setBusy(false);
    if (failed) {
      setCode("");
      return setError(authErrorMessage(t, failed, t.adminSignInError));
    }
    router.refresh();
  }

  return (
    <div className="stack" data-testid="admin-setup-code">
      {sent ? (
        <form onSubmit={(event) => void verify(event)} className="stack" noValidate>
          <p role="status">{format(t.adminCodeSent, { email })}</p>
          <CodeField t={t} value={code} onChange={setCode} />
          <div>
            <button type="submit" className="primary" disabled={busy || code.trim().length === 0}>
              {t.signInSubmit}
            </button>{" "}
            <button type="button" onClick={() => void send()} disabled={busy}>
              {t.signInResend}
            </button>
          </div>
        </form>
      ) : (
        <div>
          <button type="button" className="primary" onClick={() => void send()} disabled={busy}>
            {t.adminSetupSendCode}
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
