// Reads a captured host output from ../shared/fixtures (see its README),
// whole or as the `### heading` sections some fixtures hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = join(process.cwd(), '..', 'shared', 'fixtures');

export function fixture(relativePath: string): string {
  return readFileSync(join(FIXTURES_DIR, relativePath), 'utf8');
}

export interface FixtureSection {
  heading: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Splits a `### …` sectioned fixture; the heading says stdout or stderr and `exit N`. */
export function fixtureSections(relativePath: string): FixtureSection[] {
  const sections: Array<{ heading: string; text: string }> = [];
  for (const line of fixture(relativePath).split('\n')) {
    if (line.startsWith('### ')) sections.push({ heading: line.slice(4), text: '' });
    else if (sections.length > 0) sections[sections.length - 1]!.text += `${line}\n`;
  }
  return sections.map(({ heading, text }) => {
    const body = text.replace(/\n+$/, '\n');
    const exit = /exit (\d+)/.exec(heading);
    const stderr = /stderr/.test(heading);
    return { heading, stdout: stderr ? '' : body, stderr: stderr ? body : '', exitCode: exit ? Number(exit[1]) : 0 };
  });
}
