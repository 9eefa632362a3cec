// Splits the output of a listing script (access-commands.ts) into the files
// it printed, each with the account it belongs to and its lines numbered as
// in the file itself.
import { parsedFailure, skippedInput, type Parsed, type SkippedInput } from '../parse-result';
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

/** Lines printed before the first file, listed as skipped: nothing the script prints goes unread and unsaid. */
export function strayInput(listing: FileListing): SkippedInput[] {
  return listing.stray.map((line) => skippedInput('before the first file', line, 'not inside a listed file'));
}

/** Text with no file marker at all is not this listing (an empty output is: no file exists). */
export function notAListing(listing: FileListing, what: string): Parsed<never> | null {
  if (listing.files.length > 0 || listing.stray.length === 0) return null;
  return parsedFailure('unparsed', `${what}: no file marker before "${listing.stray[0]!.trim().slice(0, 60)}" — not the listing OpsDeck's script prints`);
}

/**
 * The listed files this parser's command lists; any other file (another
 * listing's output, a path the script never names) is skipped as a whole.
 */
export function expectedFiles(listing: FileListing, expected: RegExp, what: string): { files: ListedFile[]; skipped: SkippedInput[] } {
  const files = listing.files.filter((file) => expected.test(file.path));
  const skipped = listing.files
    .filter((file) => !expected.test(file.path))
    .map((file) => skippedInput(`file ${file.path}`, `${FILE_MARKER}${file.account} ${file.path} <==`, `not a file ${what} lists (${file.lines.length} lines not read)`));
  return { files, skipped };
}
