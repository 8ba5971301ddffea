/** Child processes for the benchmarks: each in its own process group, so stopping one stops what it spawned (npx → tsx → node). */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const children = new Set<ChildProcess>();

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a command to completion (stdout dropped, stderr shown); throws when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"], env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

/** Starts a long-running child (stdout dropped, stderr shown). */
export function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"], env, detached: true });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

/** SIGTERM to the child's process group; resolves once it exited (or after 5 s). */
export async function stop(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  await Promise.race([exited, sleep(5000)]);
}

/** Stops every child still running (on the way out, also after a failure). */
export function stopAll(): Promise<void> {
  return Promise.all([...children].map(stop)).then(() => undefined);
}

/** Resolves once `url` answers below 500. */
export async function waitFor(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await sleep(200);
  }
}

/** Runs a benchmark's main: a failure sets the exit code, and every child it started is stopped either way. */
export function runBenchmark(main: () => Promise<void>): void {
  main()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => {
      void stopAll().then(() => process.exit());
    });
}
