// Golden files: a parser's output compared with tests/unit/<area>/expected/
// <name>.expected.json. Run with OPSDECK_UPDATE_EXPECTED=1 to (re)write the
// files — then read the diff before committing it. Refused when CI is set:
// a CI run compares, it never rewrites what it compares against.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

/** Whether this run rewrites the golden files; throws when asked to under CI. */
export function updatingExpected(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OPSDECK_UPDATE_EXPECTED !== '1') return false;
  if (env.CI && env.CI !== 'false' && env.CI !== '0') {
    throw new Error('OPSDECK_UPDATE_EXPECTED=1 is refused when CI is set: golden files are rewritten on a developer machine and the diff reviewed, never in CI');
  }
  return true;
}

export function expectedJsonMatcher(area: string): (name: string, actual: unknown) => void {
  const update = updatingExpected();
  const directory = join(process.cwd(), 'tests', 'unit', area, 'expected');
  return (name, actual) => {
    const path = join(directory, `${name}.expected.json`);
    const json = `${JSON.stringify(actual, null, 2)}\n`;
    if (update) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, json);
    } else if (!existsSync(path)) {
      throw new Error(`missing ${path}: run with OPSDECK_UPDATE_EXPECTED=1 and review it`);
    }
    expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
  };
}
