import { clientIp, FORWARDED_FOR, trustedProxyHops } from "./client-ip";

/** Who is asking: the evidence a mandate needs (IP address and user agent of the consenting request). */
export interface RequestContext {
  ipAddress: string;
  userAgent: string;
}

interface HeaderReader {
  get(name: string): string | null;
}

/**
 * The client address comes from X-Forwarded-For as our own server and proxies
 * built it, read at the configured depth (TRUSTED_PROXY_HOPS, see client-ip.ts):
 * what a client writes into the header itself never reaches the evidence.
 */
export function requestContextFrom(headers: HeaderReader, hops = trustedProxyHops()): RequestContext {
  return {
    ipAddress: clientIp(headers.get(FORWARDED_FOR), hops),
    userAgent: (headers.get("user-agent") ?? "").slice(0, 512),
  };
}
