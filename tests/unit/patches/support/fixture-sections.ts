// Reading the shared fixtures for the patches tests: whole files, the
// `### heading` sections some fixtures hold (heading says stdout/stderr and
// the exit status), and expectations kept beside the tests as JSON.
import { expectedJsonMatcher } from '../../../support/expected-json';
import type { CommandOutput } from '../../../../main/engine/collectors/host-command';
import { fixture } from '../../../support/fixtures';

export { fixture };

export interface FixtureSection {
  heading: string;
  text: string;
  stream: 'stdout' | 'stderr';
  exitCode: number;
}

/** Splits a `### …` sectioned fixture; the heading names the stream and `exit N`. */
export function fixtureSections(relativePath: string): FixtureSection[] {
  const sections: FixtureSection[] = [];
  let current: FixtureSection | null = null;
  for (const line of fixture(relativePath).split('\n')) {
    if (line.startsWith('### ')) {
      const heading = line.slice(4);
      const exit = /exit (\d+)/.exec(heading);
      current = { heading, text: '', stream: /stderr/.test(heading) ? 'stderr' : 'stdout', exitCode: exit ? Number(exit[1]) : 0 };
      sections.push(current);
    } else if (current) {
      current.text += `${line}\n`;
    }
  }
  return sections.map((section) => ({ ...section, text: section.text.replace(/\n+$/, '\n') }));
}

export const expectMatchesExpected = expectedJsonMatcher('patches');

export function output(id: string, stdout: string, options: { stderr?: string; exitCode?: number | null; command?: string; error?: string | null } = {}): CommandOutput {
  return {
    id,
    command: options.command ?? `env LC_ALL=C ${id}`,
    stdout,
    stderr: options.stderr ?? '',
    exitCode: options.exitCode === undefined ? 0 : options.exitCode,
    durationMs: 1,
    error: options.error ?? null,
  };
}
