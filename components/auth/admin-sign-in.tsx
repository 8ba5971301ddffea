"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";
import { format, type Messages } from "@/lib/i18n/messages";
import { authErrorMessage, type AuthClientError } from "@/lib/i18n/auth-error-message";
import { CodeField } from "./code-field";

/**
 * Admin sign-in: email and password, then the code the server emails (the
 * twoFactor plugin's second step); or a passkey the device unlocks with a PIN
 * or biometric. /admin checks the role and the second factor on the server.
 */
export function AdminSignIn({ t }: { t: Messages }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [step, setStep] = useState<"password" | "code">("password");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch {
      setError(t.adminSignInError);
    } finally {
      setBusy(false);
    }
  }

  const fail = (failed: AuthClientError, fallback = t.adminSignInError) =>
    setError(authErrorMessage(t, failed, fallback));

  async function sendCode(): Promise<boolean> {
    const { error: failed } = await authClient.twoFactor.sendOtp();
    if (failed) fail(failed);
    return !failed;
  }

  const signIn = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { data, error: failed } = await authClient.signIn.email({ email: email.trim().toLowerCase(), password });
      if (failed) return fail(failed);
      if (data && "twoFactorRedirect" in data && data.twoFactorRedirect) {
        setPassword("");
        setStep("code");
        await sendCode();
        return;
      }
      // No second factor yet (setup not finished): /admin sends the admin to the setup page.
      router.push("/admin");
    });
  };

  const verify = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { error: failed } = await authClient.twoFactor.verifyOtp({ code: code.trim() });
      if (!failed) return router.push("/admin");
      setCode("");
      fail(failed);
      // The sign-in itself ended (expired, or locked): the password comes first again.
      if (failed.code === "INVALID_TWO_FACTOR_COOKIE" || failed.code === "ACCOUNT_TEMPORARILY_LOCKED")
        setStep("password");
    });
  };

  const withPasskey = () =>
    void run(async () => {
      const result = await authClient.signIn.passkey();
      if (!result || result.error) return setError(t.adminPasskeyFailed);
      router.push("/admin");
    });

  return (
    <div className="stack" data-testid="admin-sign-in">
      {step === "password" ? (
        <form onSubmit={signIn} className="stack" noValidate>
          <p>{t.adminPasswordIntro}</p>
          <label>
            {t.email}
            <input
              type="email"
              name="email"
              required
              autoComplete="username webauthn"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
          <label>
            {t.adminPasswordLabel}
            <input
              type="password"
              name="password"
              required
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          <div>
            <button type="submit" className="primary" disabled={busy || !email.includes("@") || password.length === 0}>
              {busy ? t.signInWorking : t.adminPasswordSubmit}
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={verify} className="stack" noValidate>
          <p role="status">{format(t.adminCodeSent, { email: email.trim().toLowerCase() })}</p>
          <CodeField t={t} value={code} onChange={setCode} />
          <div>
            <button type="submit" className="primary" disabled={busy || code.trim().length === 0}>
              {busy ? t.signInWorking : t.signInSubmit}
            </button>{" "}
            <button type="button" onClick={() => void run(async () => void (await sendCode()))} disabled={busy}>
              {t.signInResend}
            </button>{" "}
            <button type="button" onClick={() => (setStep("password"), setError(null))} disabled={busy}>
              {t.adminStartOver}
            </button>
          </div>
        </form>
      )}
      <div className="stack">
        <p>{t.adminPasskeyIntro}</p>
        <div>
          <button type="button" onClick={withPasskey} disabled={busy}>
            {t.signInWithPasskey}
          </button>
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
