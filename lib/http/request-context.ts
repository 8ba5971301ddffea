/** Who is asking: the evidence a mandate needs (IP address and user agent of the consenting request). */
export interface RequestContext {
  ipAddress: string;
  userAgent: string;
}

interface HeaderReader {
  get(name: string): string | null;
}

export function requestContextFrom(headers: HeaderReader): RequestContext {
  // The first X-Forwarded-For hop is the client as seen by our own proxy or load balancer.
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ipAddress = forwarded || headers.get("x-real-ip")?.trim() || "";
  return { ipAddress: normaliseIp(ipAddress), userAgent: (headers.get("user-agent") ?? "").slice(0, 512) };
}

function normaliseIp(ip: string): string {
  if (ip.startsWith("::ffff:")) return ip.slice("::ffff:".length);
  return ip;
}
