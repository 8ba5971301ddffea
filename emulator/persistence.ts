/** Optional JSON state file: loaded at start, rewritten (debounced) on change. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Store } from "./store.js";

export function loadState(file: string, store: Store): boolean {
  if (!existsSync(file)) return false;
  const text = readFileSync(file, "utf8");
  if (!text.trim()) return false;
  store.load(JSON.parse(text) as Record<string, unknown>);
  return true;
}

export class StateSaver {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly file: string,
    private readonly store: Store,
    private readonly log: (msg: string) => void,
    private readonly delayMs = 25,
  ) {
    mkdirSync(dirname(file), { recursive: true });
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Writes now; a temp file + rename keeps the file whole if we die mid-write. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const tmp = `${this.file}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(this.store, null, 2));
      renameSync(tmp, this.file);
    } catch (err) {
      this.log(`could not write state file ${this.file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
