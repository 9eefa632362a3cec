// Plain-text tables for the terminal: columns padded to their widest cell,
// host text made printable (control characters shown as \xNN) so a hostile
// host cannot move the cursor or recolour the operator's terminal.
import { terminalText } from './terminal-text';

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
  return terminalText(text.replace(/[\t\n]/g, (char) => (char === '\t' ? '\\x09' : '\\x0a')));
}
