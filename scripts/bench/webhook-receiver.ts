/**
 * For the server-action level: the app's webhook route handler (the real one:
 * signature, inbox insert) behind a plain HTTP server in this process, so the
 * emulator's deliveries land in this process's inbox and its worker applies
 * them — competing for the same event loop, as in the app.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  return new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
}

export async function startWebhookReceiver(port: number): Promise<Server> {
  const { POST } = await import("../../app/api/webhooks/stripe/route");
  const server = createServer((req, res) => {
    toRequest(req)
      .then(POST)
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(await response.text());
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}
