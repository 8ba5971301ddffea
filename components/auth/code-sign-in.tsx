"use client";

import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";
import { format, type Messages } from "@/lib/i18n/messages";
import { authErrorMessage } from "@/lib/i18n/auth-error-message";
import { CodeField } from "./code-field";

interface Props {
  t: Messages;
  /** Called once this browser holds a session (reload, resubmit the checkout, …). */
  onSignedIn: () => void;
  /** Known address (checkout): the code was already sent to it. */
  email?: string;
  codeAlreadySent?: boolean;
  /** Offer passkey sign-in as well. */
  passkey?: boolean;
}

/** Sign-in by a one-time code sent by email, or by a passkey. */
export function CodeSignIn({ t, onSignedIn, email: knownEmail, codeAlreadySent = false, passkey = true }: Props) {
  const [email, setEmail] = useState(knownEmail ?? "");
  const [sentTo, setSentTo] = useState<string | null>(codeAlreadySent && knownEmail ? knownEmail : null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function sendCode(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const address = email.trim().toLowerCase();
    const { error: failed } = await authClient.emailOtp.sendVerificationOtp({ email: address, type: "sign-in" });
    setBusy(false);
    if (failed) return setError(authErrorMessage(t, failed, t.signInSendFailed));
    setSentTo(address);
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    if (busy || !sentTo) return;
    setBusy(true);
    setError(null);
    const { error: failed } = await authClient.signIn.emailOtp({ email: sentTo, otp: code.trim() });
    setBusy(false);
    if (failed) return setError(authErrorMessage(t, failed, t.signInFailed));
    onSignedIn();
  }

  async function withPasskey() {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await authClient.signIn.passkey();
    setBusy(false);
    if (!result || result.error) return setError(t.signInPasskeyFailed);
    onSignedIn();
  }

  return (
    <div className="stack" data-testid="code-sign-in">
      {sentTo ? (
        <form onSubmit={(event) => void verify(event)} className="stack" noValidate>
          <p role="status">{format(t.signInCodeSent, { email: sentTo })}</p>
          <CodeField t={t} value={code} onChange={setCode} />
          <div>
            <button type="submit" className="primary" disabled={busy || code.trim().length === 0}>
              {busy ? t.signInWorking : t.signInSubmit}
            </button>{" "}
            <button type="button" onClick={() => void sendCode()} disabled={busy}>
              {t.signInResend}
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={(event) => void sendCode(event)} className="stack" noValidate>
          <p>{t.signInIntro}</p>
          <label>
            {t.email}
            <input
              type="email"
              name="email"
              required
              autoComplete="email webauthn"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
          <div>
            <button type="submit" className="primary" disabled={busy || !email.includes("@")}>
              {t.signInSendCode}
            </button>
          </div>
        </form>
      )}
      {passkey && (
        <div>
          <button type="button" onClick={() => void withPasskey()} disabled={busy}>
            {t.signInWithPasskey}
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
