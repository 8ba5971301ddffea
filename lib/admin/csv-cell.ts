/**
 * A spreadsheet reads a cell starting with = + - @ (or a tab / carriage return
 * before one) as a formula. Such cells get a leading apostrophe, so an email or
 * user agent typed by a visitor never runs in the reviewer's spreadsheet.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function quoteCsv(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Anything that needs either rule: most cells (ids, hashes, dates) do not, and skip both. */
const NEEDS_CARE = /^[=+\-@\t\r]|[",\r\n]/;

export function csvCell(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return String(value);
  return NEEDS_CARE.test(value) ? quoteCsv(neutraliseFormula(value)) : value;
}

/** One CSV line (CRLF-terminated, as RFC 4180 writes it). */
export function csvLine(values: readonly (string | number | Date | null | undefined)[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i ? "," : "") + csvCell(values[i]);
  return line + "\r\n";
}
