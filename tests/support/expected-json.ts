// Golden files: a parser's output compared with tests/unit/<area>/expected/
// <name>.expected.json. Run with OPSDECK_UPDATE_EXPECTED=1 to (re)write the
// files — then read the diff before committing it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

export function expectedJsonMatcher(area: string): (name: string, actual: unknown) => void {
  const directory = join(process.cwd(), 'tests', 'unit', area, 'expected');
  return (name, actual) => {
    const path = join(directory, `${name}.expected.json`);
    const json = `${JSON.stringify(actual, null, 2)}\n`;
    if (process.env.OPSDECK_UPDATE_EXPECTED === '1') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, json);
    } else if (!existsSync(path)) {
      throw new Error(`missing ${path}: run with OPSDECK_UPDATE_EXPECTED=1 and review it`);
    }
    expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
  };
}
