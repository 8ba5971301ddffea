/**
 * Headers sent with every response (pages, route handlers, static files; see
 * next.config.ts) and by the webhook endpoint that scripts/serve.ts answers
 * before Next. The policy keeps other sites from framing the consent form;
 * pages get their nonce-based script policy from proxy.ts.
 */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), usb=()" },
];

/** A JSON endpoint loads nothing and runs nothing: the strictest policy. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
