// Splits the output of a listing script (access-commands.ts) into the files
// it printed, each with the account it belongs to and its lines numbered as
// in the file itself.
import { FILE_MARKER } from './access-commands';

export interface ListedFile {
  /** The account the file belongs to, or '-' for system files. */
  account: string;
  path: string;
  /** Lines of the file, numbered from 1. */
  lines: Array<{ number: number; text: string }>;
}

export interface FileListing {
  files: ListedFile[];
  /** Lines before the first marker (a script never prints any; kept so nothing is lost). */
  stray: string[];
}

export function splitFileListing(stdout: string): FileListing {
  const files: ListedFile[] = [];
  const stray: string[] = [];
  let current: ListedFile | null = null;
  for (const line of stdout.split('\n')) {
    const marker = markerOf(line);
    if (marker) {
      current = { ...marker, lines: [] };
      files.push(current);
    } else if (current) current.lines.push({ number: current.lines.length + 1, text: line });
    else if (line.trim() !== '') stray.push(line);
  }
  // The script's `echo` after each file (and the output's last newline) add empty lines.
  for (const file of files) while (file.lines.length > 0 && file.lines[file.lines.length - 1]!.text === '') file.lines.pop();
  return { files, stray };
}

function markerOf(line: string): { account: string; path: string } | null {
  if (!line.startsWith(FILE_MARKER) || !line.endsWith(' <==')) return null;
  const body = line.slice(FILE_MARKER.length, -' <=='.length);
  const space = body.indexOf(' ');
  if (space <= 0) return null;
  return { account: body.slice(0, space), path: body.slice(space + 1) };
}
