// Reading the shared fixtures for the patches tests: whole files, the
// `### heading` sections some fixtures hold (heading says stdout/stderr and
// the exit status), and expectations kept beside the tests as JSON.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
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

const EXPECTED_DIR = join(process.cwd(), 'tests', 'unit', 'patches', 'expected');

/**
 * Compares with tests/unit/patches/expected/<name>.expected.json. Run with
 * OPSDECK_UPDATE_EXPECTED=1 to (re)write the file — then read the diff.
 */
export function expectMatchesExpected(name: string, actual: unknown): void {
  const path = join(EXPECTED_DIR, `${name}.expected.json`);
  const json = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.OPSDECK_UPDATE_EXPECTED === '1' || !existsSync(path)) {
    if (process.env.OPSDECK_UPDATE_EXPECTED !== '1') throw new Error(`missing ${path}: run with OPSDECK_UPDATE_EXPECTED=1 and review it`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, json);
  }
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

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
