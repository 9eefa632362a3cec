// Plain-text tables for the terminal: columns padded to their widest cell,
// host text made printable (control characters shown as \xNN) so a hostile
// host cannot move the cursor or recolour the operator's terminal.
export function textTable(header: string[], rows: string[][]): string {
  const safeRows = rows.map((row) => row.map(printable));
  const widths = header.map((title, column) => Math.max(title.length, ...safeRows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...safeRows.map(line)].join('\n') + '\n';
}

export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
