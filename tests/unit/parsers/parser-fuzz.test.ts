// The fuzz job (issue 18), part of the unit project so that `npm test` runs
// it: every command-output parser of every area, under a time budget each
// (fast-check stops a property when its budget is spent; the whole file
// stays under a minute on 2 cores), is fed
//  - random bytes: always refused as unparsed, never ok or partial;
//  - the other parsers' captured outputs: never ok (a few outputs are the
//    same format, or one word that is valid in both: listed below);
//  - any stderr and exit status (none: a command cut off) beside its own or
//    random output: a known status, never a throw;
//  - its own outputs mangled (lines dropped, repeated, spliced with noise)
//    and random text: the accounting invariant holds — status `partial`
//    exactly when something was skipped, each skipped line quoted verbatim
//    at its line number;
//  - for the parsers whose every line is a record, its own output with junk
//    lines inserted: each junk line is listed as skipped, never read past.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Parsed } from '../../../main/engine/collectors/parse-result';
import { ALL_PARSERS, ownOutputs } from '../../support/all-parsers';

const STATUSES = new Set(['ok', 'partial', 'unsupported', 'needs-privilege', 'tool-missing', 'service-disabled', 'unparsed']);
/** Per parser and property; 60 parsers × 4 properties × this stays around a minute on 2 cores. */
const BUDGET_MS = 250;
const budget = { numRuns: 2000, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false };

/** Pairs where the other output really is this format too (same grammar, another address family), or one word valid in both. */
const SAME_FORMAT = new Set([
  'iptables-save <- ip6tables-save',
  'ip6tables-save <- iptables-save',
  'ipfstat <- ipfstat -6',
  'ipfstat -6 <- ipfstat',
  // One line holding one word such as "12.8" or "6.1.0-28-amd64" is a valid Debian package name.
  'reboot-required.pkgs <- debian_version',
  'reboot-required.pkgs <- uname -r',
  // `[]`: no firewall rules and no snapshots print the same empty JSON array.
  'fwadm -j <- restic snapshots --json',
  'restic snapshots --json <- fwadm -j',
]);
/** dmsetup blanks volume keys in what it quotes, so its skipped text is not the input verbatim. */
const QUOTES_VERBATIM = (name: string) => name !== 'dmsetup';

function inputLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** The accounting invariant on one result. */
function checkAccounting(name: string, input: string, parsed: Parsed<unknown>): void {
  expect(STATUSES.has(parsed.status), `${name}: status ${parsed.status}`).toBe(true);
  const skipped = parsed.skipped ?? [];
  if (parsed.status === 'partial') {
    expect(skipped.length, `${name}: partial without skipped input`).toBeGreaterThan(0);
    expect(parsed.skippedCount, name).toBeGreaterThanOrEqual(skipped.length);
    expect(parsed.message, name).toMatch(/could not be read/);
    expect(parsed.value, name).not.toBeNull();
  } else {
    expect(skipped, `${name}: ${parsed.status} with skipped input`).toEqual([]);
  }
  if (parsed.status === 'ok') expect(parsed.message, name).toBeNull();
  else expect(parsed.message, `${name}: ${parsed.status} without a message saying why`).toBeTruthy();
  if (!QUOTES_VERBATIM(name)) return;
  const lines = inputLines(input);
  for (const entry of skipped) {
    const at = /^line (\d+)$/.exec(entry.at);
    if (!at) continue;
    const line = lines[Number(at[1]) - 1] ?? '';
    expect(
      line.trim().startsWith(entry.text.replace(/…$/, '').trim()),
      `${name}: ${entry.at} quotes ${JSON.stringify(entry.text.slice(0, 60))}, the input has ${JSON.stringify(line.slice(0, 60))}`,
    ).toBe(true);
    expect(entry.reason.length, name).toBeGreaterThan(0);
  }
}

const OWN = Object.fromEntries(Object.keys(ALL_PARSERS).map((name) => [name, ownOutputs(name)]));
const EVERY_OUTPUT = Object.entries(OWN).flatMap(([name, texts]) => texts.map((text) => ({ name, text })));

/** An output (own or another's) with lines dropped, repeated or replaced by noise, or plain random text. */
function mangled(texts: string[]): fc.Arbitrary<string> {
  const real = texts.length > 0 ? texts : EVERY_OUTPUT.map((each) => each.text);
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('repeat' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('noise' as const), at: fc.nat(), text: fc.string({ maxLength: 60 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  );
  return fc.oneof(
    fc.tuple(fc.constantFrom(...real), fc.array(edit, { maxLength: 6 })).map(([text, edits]) => {
      let lines = inputLines(text);
      for (const change of edits) {
        const at = change.at % Math.max(lines.length, 1);
        if (change.kind === 'drop') lines.splice(at, 1);
        else if (change.kind === 'repeat') lines.splice(at, 0, lines[at] ?? '');
        else if (change.kind === 'noise') lines.splice(at, 0, change.text);
        else lines = lines.slice(0, at);
      }
      return lines.join('\n');
    }),
    fc.string({ maxLength: 400 }),
    fc.json({ maxDepth: 4 }),
  );
}

describe.each(Object.keys(ALL_PARSERS))('%s', (name) => {
  const { parse, lineGrammar } = ALL_PARSERS[name]!;

  test('its own outputs are read in full: ok, nothing skipped', () => {
    for (const text of OWN[name]!) {
      const parsed = parse(text, '', 0);
      checkAccounting(name, text, parsed);
      expect(parsed.status, name).toBe('ok');
    }
  });

  test('random bytes are refused as unparsed, saying it is not this output', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 4096 }), (bytes) => {
        const text = Buffer.from(bytes).toString('utf8');
        const parsed = parse(text, '', 0);
        checkAccounting(name, text, parsed);
        expect(parsed.status).toBe('unparsed');
      }),
      budget,
    );
  });

  test("the other parsers' outputs are never ok", () => {
    for (const other of EVERY_OUTPUT) {
      if (other.name === name || other.text.trim() === '' || SAME_FORMAT.has(`${name} <- ${other.name}`)) continue;
      const parsed = parse(other.text, '', 0);
      checkAccounting(name, other.text, parsed);
      expect(parsed.status, `${name} read ${other.name}'s output`).not.toBe('ok');
    }
  });

  test('any stderr and exit status beside its own or random output: a known status, never a throw', () => {
    fc.assert(
      fc.property(mangled(OWN[name]!), fc.string({ maxLength: 80 }), fc.option(fc.integer({ min: 0, max: 255 })), (text, stderr, exitCode) =>
        checkAccounting(name, text, parse(text, stderr, exitCode)),
      ),
      budget,
    );
  });

  test('the accounting invariant holds on mangled outputs and random text', () => {
    fc.assert(
      fc.property(mangled(OWN[name]!), (text) => checkAccounting(name, text, parse(text, '', 0))),
      budget,
    );
  });

  // Outputs with more records than junk lines (fewer would rightly be refused as not this output).
  const records = (text: string) => inputLines(text).filter((line) => line.trim() !== '' && !line.startsWith('#')).length;
  if (lineGrammar && OWN[name]!.some((text) => records(text) >= 3)) {
    test('junk lines inserted in its own output are each listed as skipped, at their line, never read past', () => {
      const own = OWN[name]!.filter((text) => records(text) >= 3);
      fc.assert(
        fc.property(fc.constantFrom(...own), fc.uniqueArray(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 2 }), (text, positions) => {
          const lines = inputLines(text.replace(/\n$/, ''));
          const junk: string[] = [];
          for (const [index, position] of positions.entries()) {
            const line = `~junk-${index} ~~ ${position}`;
            junk.push(line);
            lines.splice(position % (lines.length + 1), 0, line);
          }
          const input = `${lines.join('\n')}\n`;
          const parsed = parse(input, '', 0);
          checkAccounting(name, input, parsed);
          expect(parsed.status).toBe('partial');
          const quoted = new Set((parsed.skipped ?? []).map((entry) => entry.text.trim()));
          for (const line of junk) expect(quoted.has(line), `${name}: ${line} not listed as skipped`).toBe(true);
        }),
        budget,
      );
    });
  }
});
