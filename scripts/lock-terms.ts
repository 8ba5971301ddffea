/** Records the fingerprints of newly published terms versions (existing entries are never rewritten). */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fingerprintTerms } from "../lib/mandate/terms-lock";

const file = new URL("../lib/mandate/terms-lock.json", import.meta.url);
const locked: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
const current = fingerprintTerms();
const added = Object.keys(current).filter((key) => !(key in locked));
writeFileSync(file, JSON.stringify({ ...current, ...locked }, null, 2) + "\n");
console.log(added.length ? `locked ${added.join(", ")}` : "nothing new to lock");
