// Builds the output of a listing script (listing-format.ts) from lines as a
// reader sees them: marker lines as they are, every line after the first
// marker behind the content prefix, lines before it (stray text) unchanged.
import { CONTENT_PREFIX, FILE_MARKER } from '../../main/engine/collectors/access/listing-format';

export function listingOf(lines: string[]): string {
  let inFile = false;
  return lines
    .map((line) => {
      if (line.startsWith(FILE_MARKER)) {
        inFile = true;
        return line;
      }
      return inFile ? `${CONTENT_PREFIX}${line}` : line;
    })
    .join('\n');
}
