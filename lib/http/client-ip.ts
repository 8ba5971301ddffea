/**
 * The client's address, from a configured proxy depth. The app's server
 * (scripts/serve.ts) appends the socket's peer address to X-Forwarded-For, as
 * every proxy does, so the list ends with addresses each hop saw and only its
 * left part is whatever the client chose to send. With TRUSTED_PROXY_HOPS = n
 * proxies of our own in front, the client is the (n+1)-th entry from the right;
 * with 0 (the default) it is the socket's peer, and any header is ignored.
 */
export const FORWARDED_FOR = "x-forwarded-for";

export function trustedProxyHops(value = process.env.TRUSTED_PROXY_HOPS): number {
  const hops = Number(value ?? "0");
  return Number.isSafeInteger(hops) && hops >= 0 && hops <= 20 ? hops : 0;
}

/** X-Forwarded-For with the socket's peer appended (what our server does before Next sees the request). */
export function appendPeer(forwardedFor: string | string[] | undefined, peer: string | undefined): string {
  const existing = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).trim();
  const last = normaliseIp(peer ?? "");
  return existing ? `${existing}, ${last}` : last;
}

export function clientIp(forwardedFor: string | null | undefined, hops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return "";
  // Fewer entries than trusted hops: the request did not come through all our proxies; take the farthest one seen.
  const index = Math.max(0, entries.length - 1 - hops);
  return normaliseIp(entries[index]!).slice(0, 64);
}

export function normaliseIp(ip: string): string {
  return ip.startsWith("::ffff:") ? ip.slice("::ffff:".length) : ip;
}
