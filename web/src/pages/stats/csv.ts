// The statistics as a CSV file Excel opens correctly (UTF-8 with a byte-order mark), downloaded
// from the figures on screen.
export function downloadCsv(filename: string, rows: ReadonlyArray<ReadonlyArray<string | number | null>>): void {
  const cell = (v: string | number | null) => {
    const text = v === null ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const body = rows.map((r) => r.map(cell).join(',')).join('\r\n');
  const url = URL.createObjectURL(new Blob(['\uFEFF', body], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}
