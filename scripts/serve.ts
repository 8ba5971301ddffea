/**
 * Serves the production build (what `next start` does) from a plain Node HTTP
 * server that first appends the socket's peer address to X-Forwarded-For, as
 * a proxy would: Next itself only fills that header when the client did not
 * send one, so without this a client could choose the address recorded as
 * mandate evidence. lib/http/client-ip.ts reads it with TRUSTED_PROXY_HOPS.
 *   APP_PORT (3000), APP_HOST (0.0.0.0)
 */
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { appendPeer, clientIp, FORWARDED_FOR, trustedProxyHops } from "../lib/http/client-ip";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.APP_PORT ?? 3000);
const hostname = process.env.APP_HOST ?? "0.0.0.0";

const app = next({ dev: false, dir: root, port, hostname });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  req.headers[FORWARDED_FOR] = appendPeer(req.headers[FORWARDED_FOR], req.socket.remoteAddress);
  // The client address as we trust it, for code that reads one header (better-auth's rate limits); never the client's own.
  req.headers["x-real-ip"] = clientIp(req.headers[FORWARDED_FOR], trustedProxyHops());
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`Ready on http://${hostname}:${port}`));

const stop = () => server.close(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
