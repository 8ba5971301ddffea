/**
 * The baseline for `npm run bench:webhooks`: the least a webhook endpoint can
 * do. A bare Node HTTP server that verifies the signature with the stripe SDK
 * and inserts the event id (better-sqlite3, or pg), nothing else.
 *   BARE_PORT, DATABASE_URL (file:… or postgresql://…), STRIPE_WEBHOOK_SECRET
 */
import { createServer } from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import Stripe from "stripe";

const port = Number(process.env.BARE_PORT ?? 3212);
const url = process.env.DATABASE_URL ?? "file:./data/bench-bare.db";
const secret = process.env.STRIPE_WEBHOOK_SECRET!;
const stripe = new Stripe("sk_test_bare", { telemetry: false });

let insert: (id: string) => Promise<void>;
if (url.startsWith("file:")) {
  const sqlite = new Database(path.resolve(url.slice("file:".length)));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.exec(`CREATE TABLE IF NOT EXISTS bare_events (id TEXT PRIMARY KEY)`);
  const statement = sqlite.prepare(`INSERT OR IGNORE INTO bare_events (id) VALUES (?)`);
  insert = async (id) => void statement.run(id);
} else {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS bare_events (id TEXT PRIMARY KEY)`);
  insert = async (id) =>
    void (await pool.query({
      name: "bare-insert",
      text: `INSERT INTO bare_events (id) VALUES ($1) ON CONFLICT DO NOTHING`,
      values: [id],
    }));
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers["stripe-signature"]), secret);
    } catch {
      res.writeHead(400).end();
      return;
    }
    insert(event.id).then(
      () => res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}'),
      () => res.writeHead(500).end(),
    );
  });
}).listen(port, "127.0.0.1", () => console.log(`bare webhook server on ${port}`));
