/** Non-Stripe endpoints under /_emulator/ for tests and tooling (no auth). */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "./app.js";
import { parseFault } from "./http/faults.js";
import { parseForm } from "./http/form.js";
import { header, readBody, sendJson } from "./http/respond.js";

async function readJsonOrForm(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  if (!body.trim()) return {};
  if ((header(req, "content-type") ?? "").includes("application/json")) return JSON.parse(body);
  return parseForm(body);
}

export async function handleControl(app: App, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const route = `${req.method} ${path.replace(/\/$/, "")}`;
  switch (route) {
    case "GET /_emulator/health":
      return sendJson(res, 200, { ok: true });
    case "POST /_emulator/reset": {
      // Optional { "keep": ["webhookEndpoints", "products", "prices", "coupons"] }: everything else is forgotten.
      let input: unknown;
      try {
        input = await readJsonOrForm(req);
      } catch {
        return sendJson(res, 400, { error: "Body must be JSON" });
      }
      const keep = (input as { keep?: unknown }).keep ?? [];
      const known = app.store.collectionNames();
      if (!Array.isArray(keep) || keep.some((name) => typeof name !== "string" || !known.includes(name))) {
        return sendJson(res, 400, { error: `keep must list collections among: ${known.join(", ")}` });
      }
      app.reset(keep as string[]);
      return sendJson(res, 200, { ok: true, kept: keep });
    }
    case "GET /_emulator/deliveries":
      return sendJson(res, 200, { deliveries: app.webhooks.log() });
    case "GET /_emulator/faults":
      return sendJson(res, 200, { faults: app.faults.list() });
    case "DELETE /_emulator/faults":
      app.faults.clear();
      return sendJson(res, 200, { ok: true });
    case "POST /_emulator/faults": {
      let input: unknown;
      try {
        input = await readJsonOrForm(req);
      } catch {
        return sendJson(res, 400, { error: "Body must be JSON" });
      }
      const fault = parseFault(input);
      if (typeof fault === "string") return sendJson(res, 400, { error: fault });
      app.faults.add(fault);
      return sendJson(res, 200, { ok: true, fault });
    }
    default:
      return sendJson(res, 404, { error: `Unknown control endpoint: ${route}` });
  }
}
