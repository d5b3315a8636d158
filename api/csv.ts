// CSV downloads that open correctly in Excel on a Chinese desktop: UTF-8 with a byte-order mark
// (without it Excel guesses GBK and garbles every character), CRLF line ends, RFC 4180 quoting.
export type CsvCell = string | number | boolean | null | undefined;

const BOM = '\uFEFF';

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as CSV text: a header row, then one row per record. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return BOM + [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Headers for a CSV download named `filename` (UTF-8 name, ASCII fallback). */
export const csvHeaders = (filename: string, asciiFallback: string): Record<string, string> => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
});
