"use client";

import type { Messages } from "@/lib/i18n/messages";

/** The emailed 6-digit code, typed or filled in by the browser from the message (one-time-code). */
export function CodeField({ t, value, onChange }: { t: Messages; value: string; onChange: (code: string) => void }) {
  return (
    <label>
      {t.signInCodeLabel}
      <input
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={6}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
