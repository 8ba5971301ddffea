// Runs the Prisma CLI for one provider config and returns as soon as the work
// is done.
//
// Workaround: the 6.19 CLI with the WebAssembly schema engine lingers 10–60 s
// after finishing (a long timer held by the wasm engine keeps Node alive). The
// work is complete once the CLI prints its success line, so we watch the output
// for it and end the process then. A CLI that exits on its own (errors,
// `generate`) is reported with its exit code.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

export type CliProvider = "sqlite" | "postgres";

export interface RunCliOptions {
  /** Project root (cwd of the CLI). */
  root: string;
  provider: CliProvider;
  /** CLI arguments, e.g. ["migrate", "deploy"]; `--config` is appended. */
  args: string[];
  /** Output lines that mean "done, with success". */
  success: RegExp;
  env?: Record<string, string | undefined>;
  /** Give up (and fail) after this long. */
  timeoutMs?: number;
  /** Prefix for forwarded output lines. */
  label?: string;
}

// Noise the CLI prints on every run because every datasource keeps a
// placeholder url on purpose (see prisma/*/schema.prisma).
const PLACEHOLDER_URL_WARNING = [
  /^WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter/,
  /^- url$/,
  /^The values from your schema will NOT be used!$/,
  /^We recommend you to remove those properties from your schema/,
  /^Prisma config detected, skipping environment variable loading\.$/,
  // Names the placeholder database, not the one DATABASE_URL points at.
  /^Datasource "db": /,
];

export function prismaCliPath(root: string): string {
  return createRequire(path.join(root, "package.json")).resolve("prisma/build/index.js");
}

export function runPrismaCli(options: RunCliOptions): Promise<void> {
  const { root, provider, args, success, timeoutMs = 180_000 } = options;
  const label = options.label ?? `prisma ${args[0]} (${provider})`;
  const configFile = path.join("prisma", provider, "prisma.config.ts");
  const child = spawn(process.execPath, [prismaCliPath(root), ...args, "--config", configFile], {
    cwd: root,
    env: {
      ...process.env,
      ...options.env,
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      NO_COLOR: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });

  return new Promise<void>((resolve, reject) => {
    let done = false;
    let succeeded = false;

    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 2000).unref();
      }
      if (error) reject(error);
      else resolve();
    };

    const onLine = (line: string, stream: NodeJS.WriteStream) => {
      if (PLACEHOLDER_URL_WARNING.some((re) => re.test(line.trim()))) return;
      if (line.trim()) stream.write(`[${label}] ${line}\n`);
      if (success.test(line)) {
        succeeded = true;
        // Let the rest of the output flush, then end the lingering CLI.
        setTimeout(() => finish(), 150);
      }
    };
    const pipeLines = (readable: NodeJS.ReadableStream, stream: NodeJS.WriteStream) => {
      let buffer = "";
      readable.setEncoding("utf8");
      readable.on("data", (chunk: string) => {
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          onLine(buffer.slice(0, newline), stream);
          buffer = buffer.slice(newline + 1);
        }
      });
      readable.on("end", () => {
        if (buffer) onLine(buffer, stream);
        buffer = "";
      });
    };
    pipeLines(child.stdout, process.stdout);
    pipeLines(child.stderr, process.stderr);

    const timer = setTimeout(
      () => finish(new Error(`${label}: no success after ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    child.on("error", (error) => finish(error));
    child.on("close", (code, signal) => {
      if (done) return;
      if (succeeded || code === 0) finish();
      else finish(new Error(`${label} failed (exit ${code ?? signal})`));
    });
  });
}

/**
 * For `migrate diff --script`, which prints no success line: the script goes to
 * a temporary `--output` file, and once that file has appeared (and stopped
 * growing) the result is complete and the lingering CLI is ended.
 */
export function capturePrismaCli(options: Omit<RunCliOptions, "success">): Promise<string> {
  const { root, provider, args, timeoutMs = 180_000 } = options;
  const label = options.label ?? `prisma ${args[0]} (${provider})`;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "prisma-out-"));
  const outFile = path.join(outDir, "out.sql");
  const configFile = path.join("prisma", provider, "prisma.config.ts");
  const child = spawn(process.execPath, [prismaCliPath(root), ...args, "--output", outFile, "--config", configFile], {
    cwd: root,
    env: { ...process.env, ...options.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const forward = (chunk: string) => {
    for (const line of chunk.split("\n")) {
      if (line.trim() && !PLACEHOLDER_URL_WARNING.some((re) => re.test(line.trim()))) {
        process.stderr.write(`[${label}] ${line}\n`);
      }
    }
  };
  child.stdout.setEncoding("utf8").on("data", forward);
  child.stderr.setEncoding("utf8").on("data", forward);

  return new Promise<string>((resolve, reject) => {
    let done = false;
    let lastSize = -1;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      let text = "";
      try {
        if (!error) text = fs.readFileSync(outFile, "utf8");
      } catch (readError) {
        error = readError as Error;
      }
      fs.rmSync(outDir, { recursive: true, force: true });
      if (error) reject(error);
      else resolve(text);
    };
    const poll = setInterval(() => {
      const size = fs.existsSync(outFile) ? fs.statSync(outFile).size : -1;
      if (size > 0 && size === lastSize) finish(null);
      lastSize = size;
    }, 150);
    const timer = setTimeout(() => finish(new Error(`${label}: timed out`)), timeoutMs);
    child.on("error", (error) => finish(error));
    child.on("close", (code, signal) => {
      if (code === 0) finish(null);
      else finish(new Error(`${label} failed (exit ${code ?? signal})`));
    });
  });
}
