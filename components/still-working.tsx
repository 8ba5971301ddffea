"use client";

import { useEffect, useState } from "react";

/** How long a submission may take before the form says it is still working (Stripe can take up to ~30 s with retries). */
const SLOW_AFTER_MS = 3000;

/** "Still working…" under a form whose submission has been running for a while; nothing before that. */
export function StillWorking({ pending, text }: { pending: boolean; text: string }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [pending]);
  if (!pending || !slow) return null;
  return (
    <p className="notice" role="status" data-testid="still-working">
      {text}
    </p>
  );
}
