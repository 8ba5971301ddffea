import { APIError } from "better-auth/api";
import { auth } from "./auth";

/**
 * Setup step 1: the signed-in admin's password (better-auth hashes it into
 * their credential account). A second submission finds it set and changes nothing.
 */
export async function chooseAdminPassword(requestHeaders: Headers, password: string): Promise<"saved" | "already_set"> {
  try {
    await auth().api.setPassword({ body: { newPassword: password }, headers: requestHeaders });
    return "saved";
  } catch (error) {
    if (error instanceof APIError && error.body?.code === "PASSWORD_ALREADY_SET") return "already_set";
    throw error;
  }
}

export type PasswordStepState = { error: string | null };
