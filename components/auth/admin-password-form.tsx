"use client";

import { useActionState } from "react";
import { choosePasswordAction } from "@/app/admin/setup/actions";
import type { PasswordStepState } from "@/lib/auth/admin-setup";
import type { Messages } from "@/lib/i18n/messages";

/** Setup step 1: choose the admin password (checked again on the server). */
export function AdminPasswordForm({ t }: { t: Messages }) {
  const [state, action, pending] = useActionState<PasswordStepState, FormData>(choosePasswordAction, { error: null });
  return (
    <form action={action} className="stack" data-testid="admin-password-form">
      <label>
        {t.adminSetupPasswordLabel}
        <input type="password" name="password" required minLength={12} maxLength={128} autoComplete="new-password" />
      </label>
      <label>
        {t.adminSetupPasswordRepeat}
        <input type="password" name="repeat" required minLength={12} maxLength={128} autoComplete="new-password" />
      </label>
      <div>
        <button type="submit" className="primary" disabled={pending}>
          {t.adminSetupPasswordSubmit}
        </button>
      </div>
      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
