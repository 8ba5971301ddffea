/** A small HTTP load generator for the benchmarks: keep-alive sockets, a fixed concurrency, per-request latency. */
import http from "node:http";

export interface LoadResult {
  count: number;
  seconds: number;
  perSecond: number;
  latencies: number[];
  failures: number;
}

export function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends every body from `bodies` at `concurrency`, each signed just before it leaves. */
export async function runLoad(
  url: URL,
  bodies: string[],
  concurrency: number,
  headersOf: (body: string) => Record<string, string>,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const sent = performance.now();
        const status = await post(agent, url, body, headersOf(body)).catch(() => 0);
        latencies.push(performance.now() - sent);
        if (status !== 200) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { count: bodies.length, seconds, perSecond: bodies.length / seconds, latencies, failures };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
