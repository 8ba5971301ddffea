"use client";

import type { Messages } from "@/lib/i18n/messages";
import { useRouter } from "next/navigation";
import { CodeSignIn } from "./code-sign-in";

/** Admin sign-in: a passkey or an emailed code; /admin then checks the role on the server. */
export function AdminSignIn({ t }: { t: Messages }) {
  const router = useRouter();
  // /admin is rendered on the server with the new session (or sends a non-admin back here).
  return <CodeSignIn t={t} onSignedIn={() => router.push("/admin")} />;
}
