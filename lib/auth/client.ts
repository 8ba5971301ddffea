"use client";

import { passkeyClient } from "@better-auth/passkey/client";
import { emailOTPClient, twoFactorClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

/** The browser's side of better-auth (same origin, /api/auth). */
export const authClient = createAuthClient({ plugins: [emailOTPClient(), twoFactorClient(), passkeyClient()] });
