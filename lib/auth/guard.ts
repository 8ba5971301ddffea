// Placeholder until the accounts branch lands: the same names, refusing everyone.
import { redirect } from "next/navigation";

export const ADMIN_SIGN_IN_PATH = "/admin/sign-in";

export interface AdminIdentity {
  userId: string;
  email: string;
  name: string | null;
}

export async function requireAdmin(): Promise<AdminIdentity> {
  redirect(ADMIN_SIGN_IN_PATH);
}

export async function adminFromRequest(request: Request): Promise<{ userId: string; email: string } | null> {
  void request;
  return null;
}
