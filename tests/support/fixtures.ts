// Reads a captured host output from ../shared/fixtures (see its README).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = join(process.cwd(), '..', 'shared', 'fixtures');

export function fixture(relativePath: string): string {
  return readFileSync(join(FIXTURES_DIR, relativePath), 'utf8');
}
