/**
 * Serves the production build (what `next start` does) from a plain Node HTTP
 * server that first appends the socket's peer address to X-Forwarded-For, as
 * a proxy would: Next itself only fills that header when the client did not
 * send one, so without this a client could choose the address recorded as
 * mandate evidence. lib/http/client-ip.ts reads it with TRUSTED_PROXY_HOPS.
 *
 * Stripe's webhook deliveries (POST /api/webhooks/stripe) are answered here,
 * before Next, by the same code as the Next route (lib/webhooks/ingest.ts):
 * storing an event is a signature check and one insert, and Next's request
 * pipeline would cost several times that. The inbox worker that applies the
 * stored events runs in a child process (scripts/webhook-worker.ts) at a lower
 * CPU priority, so applying a burst never delays answering Stripe or pages.
 *   APP_PORT (3000), APP_HOST (0.0.0.0), WEBHOOK_WORKER (1; 0: no worker here),
 *   WEBHOOK_WORKER_NICE (the worker's CPU priority: 10 on PostgreSQL, 19 on SQLite; 0 = the server's)
 */
import { fork, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import next from "next";
import { appendPeer, clientIp, FORWARDED_FOR, trustedProxyHops } from "../lib/http/client-ip";
import { handleWebhookDelivery, isWebhookDelivery } from "../lib/webhooks/node-endpoint";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.APP_PORT ?? 3000);
const hostname = process.env.APP_HOST ?? "0.0.0.0";
const runWorker = process.env.WEBHOOK_WORKER !== "0";
// On SQLite the worker also competes for the file's one write lock, but most of its writes are single statements
// (a re-read that changes nothing writes none): measured (bench:webhooks), the endpoint answered the most
// deliveries with the worker at the lowest priority.
const onPostgres = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? "");
const workerNice = Number(process.env.WEBHOOK_WORKER_NICE ?? (onPostgres ? 10 : 19));
let stopping = false;

/** The inbox worker's process, restarted if it dies; `kick` wakes it at most once per few ms. */
function startWorkerProcess(): () => void {
  let child: ChildProcess | null = null;
  let kickScheduled = false;
  const spawnWorker = () => {
    child = fork(path.join(root, "scripts/webhook-worker.ts"), [], { cwd: root, execArgv: ["--import", "tsx"] });
    try {
      if (child.pid && workerNice > 0) os.setPriority(child.pid, Math.min(workerNice, 19));
    } catch {
      // not allowed here: the worker runs at the server's priority
    }
    child.on("exit", (code, signal) => {
      child = null;
      if (stopping) return;
      console.error(`webhook worker exited (${signal ?? code}); restarting`);
      setTimeout(spawnWorker, 1_000).unref();
    });
  };
  spawnWorker();
  return () => {
    if (kickScheduled) return;
    kickScheduled = true;
    setTimeout(() => {
      kickScheduled = false;
      if (child?.connected) child.send("kick");
    }, 5);
  };
}

const kickWorker = runWorker ? startWorkerProcess() : () => {};
// The worker runs in its own process: Next's instrumentation must not start another one in this process.
process.env.WEBHOOK_WORKER = "0";

const app = next({ dev: false, dir: root, port, hostname });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  if (isWebhookDelivery(req)) return void handleWebhookDelivery(req, res, kickWorker);
  req.headers[FORWARDED_FOR] = appendPeer(req.headers[FORWARDED_FOR], req.socket.remoteAddress);
  // The client address as we trust it, for code that reads one header (better-auth's rate limits); never the client's own.
  req.headers["x-real-ip"] = clientIp(req.headers[FORWARDED_FOR], trustedProxyHops());
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`Ready on http://${hostname}:${port}`));

const stop = () => {
  stopping = true;
  server.close(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
