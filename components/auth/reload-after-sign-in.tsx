"use client";

import { useRouter } from "next/navigation";
import type { Messages } from "@/lib/i18n/messages";
import { CodeSignIn } from "./code-sign-in";

/** The sign-in form of a page that shows more once signed in: the page is re-rendered on the server. */
export function SignInThenRefresh({ t }: { t: Messages }) {
  const router = useRouter();
  return <CodeSignIn t={t} onSignedIn={() => router.refresh()} />;
}
