/**
 * Runs the full CSV export (the same code the export route streams) into a
 * byte counter, in its own process so its peak RSS is the export's alone.
 * Prints one JSON line: wall time, rows, bytes, peak RSS.
 */
import { mandatesCsvExport } from "../../lib/admin/export-csv";

const started = performance.now();
const { count, stream } = await mandatesCsvExport({});
let bytes = 0;
let lines = 0;
const reader = stream.getReader();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
  for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines++;
}
const ms = performance.now() - started;
const cpu = process.cpuUsage();
// maxRSS is in kilobytes.
console.log(
  JSON.stringify({
    ms,
    count,
    lines,
    bytes,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    cpuMs: (cpu.user + cpu.system) / 1000,
  }),
);
