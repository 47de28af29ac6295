/**
 * CSV as RFC 4180 writes it (comma, CRLF, a field quoted when it holds a comma, a quote or a
 * line break, quotes inside doubled), with a byte-order mark so Excel reads names in UTF-8.
 */

export type CsvField = string | number;

// A spreadsheet runs a cell that begins with one of these as a formula ("CSV injection"):
// a department named "=HYPERLINK(…)" would become a live link in an admin's sheet. OWASP's
// advice is a leading apostrophe, which the spreadsheet shows and does not run.
const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: CsvField): string {
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows, the header first, as the text of a CSV file. */
export function toCsv(rows: CsvField[][]): string {
  return `\uFEFF${rows.map((row) => `${row.map(field).join(',')}\r\n`).join('')}`;
}
