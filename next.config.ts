import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

// Every response gets lib/http/security-headers.ts; pages add their nonce policy in proxy.ts.
const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The whole repository (app, emulator, scripts, tests) is type-checked once by
  // `npm run typecheck`, which `npm test` runs first; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Matches MAX_FORM_BYTES (lib/http/form-size.ts), which proxy.ts answers with a 413 page when announced.
  experimental: { serverActions: { bodySizeLimit: "64kb" } },
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
};

export default nextConfig;
