import type { NextConfig } from "next";

/**
 * Sent with every response (pages, route handlers, static files). The policy
 * keeps other sites from framing the consent form; a script-src policy is not
 * set here (Stripe.js and its frames, 3D Secure and the local emulator's
 * origin would each need their sources).
 */
const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), usb=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The whole repository (app, emulator, scripts, tests) is type-checked once by
  // `npm run typecheck`, which `npm test` runs first; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Matches MAX_FORM_BYTES (lib/http/form-size.ts), which proxy.ts answers with a 413 page when announced.
  experimental: { serverActions: { bodySizeLimit: "64kb" } },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
