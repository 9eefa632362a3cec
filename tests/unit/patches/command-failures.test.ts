// Every patch parser answers a missing tool and a sudo that wants a password
// with its own state — never "unparsed" — whatever shell printed the message.
import { describe, expect, test } from 'vitest';
import { parseStatMtimes } from '../../../main/engine/collectors/patches/file-mtimes';
import { fixtureSections } from './support/fixture-sections';
import { PATCH_PARSERS } from './support/patch-parsers';

describe('tool missing and privilege, for every patch parser', () => {
  const shells = fixtureSections('debian/command-not-found.txt');
  test.each(Object.entries(PATCH_PARSERS))('%s: "not found" from dash, bash 5.2, /bin/bash and old bash is tool-missing', (_name, parse) => {
    expect(shells).toHaveLength(4);
    for (const shell of shells) {
      expect(parse('', shell.text, shell.exitCode).status, shell.heading).toBe('tool-missing');
    }
    expect(parse('', 'sh: pkgin: not found\n', 127).status).toBe('tool-missing');
  });
  test.each(Object.entries(PATCH_PARSERS))('%s: sudo asking for a password is needs-privilege', (_name, parse) => {
    expect(parse('', 'sudo: a password is required\n', 1).status).toBe('needs-privilege');
  });
});

describe('stat -c %Y', () => {
  test('mtimes of several files; newest wins', () => {
    expect(parseStatMtimes('1795894172\n1795894172\n1783764997\n', '', 0, 'apt lists').value).toEqual({ mtimes: [1795894172, 1795894172, 1783764997], newest: 1795894172, missing: false });
  });
  test('an unmatched glob is "no such file", a distinct state', () => {
    const parsed = parseStatMtimes('', "stat: cannot statx '/var/lib/apt/lists/*_InRelease': No such file or directory\n", 1, 'apt lists');
    expect(parsed.status).toBe('unsupported');
  });
  test('some files missing: the others still count, with a warning', () => {
    const parsed = parseStatMtimes('1795894172\n', "stat: cannot statx '/x': No such file or directory\n", 1, 'apt lists');
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings[0]).toMatch(/some files were missing/);
  });
});
