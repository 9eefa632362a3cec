import { expect, test } from 'vitest';
import type { CommandOutput } from '../../../main/engine/collectors/host-command';
import { MAX_LINE_LENGTH, MAX_LINES, outputLines } from '../../../main/engine/collectors/output-lines';
import { OutputReader, okValue, readValue } from '../../../main/engine/collectors/output-reader';
import { parsedOk, type Parsed } from '../../../main/engine/collectors/parse-result';

const answered = (id: string, stdout: string, exitCode: number | null = 0, error: string | null = null): CommandOutput => ({
  id,
  command: `env LC_ALL=C ${id}`,
  stdout,
  stderr: '',
  exitCode,
  durationMs: 1,
  error,
});
const lineCount = (stdout: string): Parsed<number> => parsedOk(stdout.split('\n').filter(Boolean).length);

test('one set of states for every collector: read, not run, no answer, and a parser that throws', () => {
  const reader = new OutputReader([answered('lines', 'a\nb\n'), answered('hung', 'partial', null, 'db1.nj: `hung` did not finish within 30 s; its channel was closed'), answered('odd', 'x')]);
  const read = reader.read('lines', lineCount);
  const missing = reader.read('absent', lineCount);
  const hung = reader.read('hung', lineCount);
  const odd = reader.read('odd', () => {
    throw new RangeError('index 3 out of range');
  });
  expect([okValue(read), readValue(read), missing, hung, odd?.status]).toEqual([2, 2, null, null, 'unparsed']);
  expect(reader.checks.map((check) => [check.commandId, check.status, check.message])).toEqual([
    ['lines', 'ok', null],
    ['absent', 'not-run', 'absent was not run'],
    ['hung', 'no-answer', 'db1.nj: `hung` did not finish within 30 s; its channel was closed'],
    ['odd', 'unparsed', 'parser failed on env LC_ALL=C odd: index 3 out of range'],
  ]);
  reader.note('lines', 'cross-checked');
  expect(reader.check('lines')?.warnings).toEqual(['cross-checked']);
});

test('a command that did not finish is no-answer even with no error text, and its parser is never given the partial output', () => {
  let called = false;
  const reader = new OutputReader([answered('cut', 'half a li', null)]);
  expect(
    reader.read('cut', (stdout) => {
      called = true;
      return lineCount(stdout);
    }),
  ).toBeNull();
  expect(called).toBe(false);
  expect(reader.checks).toEqual([{ commandId: 'cut', status: 'no-answer', message: 'env LC_ALL=C cut did not finish', warnings: [] }]);
});

test('one limit policy: over-long lines and lines beyond the bound are listed as skipped, naming the tool', () => {
  const long = 'x'.repeat(MAX_LINE_LENGTH + 1);
  const split = outputLines(`ok\r\n${long}\nlast\n`, 'ss');
  expect(split.lines).toEqual(['ok', '', 'last']);
  expect(split.skipped.map((each) => [each.at, each.reason])).toEqual([['line 2', `longer than ${MAX_LINE_LENGTH} characters, more than ss prints`]]);
  const many = outputLines('a\n'.repeat(MAX_LINES + 2), 'iptables-save');
  expect(many.lines).toHaveLength(MAX_LINES);
  expect(many.skipped.map((each) => [each.at, each.reason])).toEqual([[`lines ${MAX_LINES + 1}-${MAX_LINES + 2}`, `iptables-save: only the first ${MAX_LINES} lines are read`]]);
});
