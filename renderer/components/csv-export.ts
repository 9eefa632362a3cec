// CSV for spreadsheets, and the download of it from the renderer (a Blob, no
// engine call). Cells that a spreadsheet would run as a formula (= + - @, and
// tab or carriage return before them) are prefixed with an apostrophe: host
// output and finding text are never executable in the operator's spreadsheet.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
