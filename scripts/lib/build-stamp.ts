import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Folders and files whose change requires a new `next build`. */
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "package-lock.json",
  "instrumentation.ts",
  "proxy.ts",
];

function fingerprint(root: string): string {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full) || entry.includes("generated")) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const child of readdirSync(full).sort()) visit(path.join(entry, child));
    } else {
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  SOURCES.forEach(visit);
  return hash.digest("hex");
}

const stampFile = (root: string) => path.join(root, ".next", "source-fingerprint");

export function buildIsCurrent(root: string): boolean {
  const file = stampFile(root);
  return (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(file) &&
    readFileSync(file, "utf8") === fingerprint(root)
  );
}

export function recordBuild(root: string): void {
  writeFileSync(stampFile(root), fingerprint(root));
}
