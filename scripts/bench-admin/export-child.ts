/**
 * Runs the full CSV export (the same code the export route streams) into a
 * byte counter, in its own process so its peak RSS is the export's alone.
 * Prints one JSON line: wall time, rows, bytes, peak RSS.
 */
import { mandatesCsvExport } from "../../lib/admin/export-csv";
import { disconnectDb } from "../../lib/db/client";

const started = performance.now();
const { count, stream } = await mandatesCsvExport({});
let bytes = 0;
let lines = 0;
const reader = stream.getReader();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
  for (const byte of value) if (byte === 10) lines++;
}
const ms = performance.now() - started;
await disconnectDb();
// maxRSS is in kilobytes.
console.log(JSON.stringify({ ms, count, lines, bytes, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
