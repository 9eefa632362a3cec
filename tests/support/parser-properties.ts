// What the per-area parser property files (tests/unit/<area>/parser-properties.test.ts)
// feed their parsers and hold every result to: random text and real output
// mangled, the stderr and exit status of a command gone wrong, a time limit
// per call, and the shape every parse result keeps whatever it was given.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { CommandOutput } from '../../main/engine/collectors/host-command';
import type { Parsed } from '../../main/engine/collectors/parse-result';
import type { OutputParser } from './all-parsers';

export const PARSE_STATUSES = new Set(['ok', 'partial', 'unsupported', 'needs-privilege', 'tool-missing', 'service-disabled', 'unparsed']);
/** Generous for 2 shared cores; a quadratic regular expression on these inputs takes seconds. */
export const PARSE_TIME_LIMIT_MS = 1500;

/** Runs `run`, failing the test when it took `limit` ms or more. */
export function timed<T>(run: () => T, limit = PARSE_TIME_LIMIT_MS): T {
  const started = performance.now();
  const result = run();
  expect(performance.now() - started).toBeLessThan(limit);
  return result;
}

/** A known status, warnings, a message whenever it is not ok, and plain JSON. */
export function expectWellFormedParse(parsed: Parsed<unknown>): void {
  expect(PARSE_STATUSES.has(parsed.status)).toBe(true);
  expect(Array.isArray(parsed.warnings)).toBe(true);
  if (parsed.status !== 'ok') expect(typeof parsed.message).toBe('string');
  expect(() => JSON.stringify(parsed)).not.toThrow();
}

/** One of the real outputs cut at two points, with random bytes spliced in between. */
export function splicedWithNoise(real: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...real), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 40 })).map(([text, a, b, noise]) => {
    const from = a % (text.length + 1);
    const to = from + (b % (text.length - from + 1));
    return text.slice(0, from) + noise + text.slice(to);
  });
}

/** Lines of one of the real outputs picked at random: dropped, repeated, reordered. */
export function pickedLines(real: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...real), fc.array(fc.nat(), { maxLength: 60 })).map(([text, picks]) => {
    const lines = text.split('\n');
    return picks.map((pick) => lines[pick % lines.length]).join('\n');
  });
}

/** What a command's stderr may hold: nothing, a shell's, sudo's or the tool's own complaint, or random text. */
export function commandStderr(...toolLines: string[]): fc.Arbitrary<string> {
  return fc.oneof(fc.constant(''), fc.constantFrom('sh: 1: x: not found\n', 'sudo: a password is required\n', 'Permission denied\n', ...toolLines), fc.string({ maxLength: 80 }));
}

/** 0, none (the command was cut off), or any other status. */
export const commandExitCode = fc.oneof(fc.constant(0), fc.constant(null), fc.integer({ min: -1, max: 255 }));

/** One test per parser: on any stdout, stderr and exit status, a well-formed result within the time limit. */
export function testParsersNeverThrow(parsers: Record<string, OutputParser>, inputs: { stdout: fc.Arbitrary<string>; stderr: fc.Arbitrary<string>; exitCode: fc.Arbitrary<number | null> }): void {
  for (const [name, parse] of Object.entries(parsers)) {
    test(`${name}: never throws, always a known status, plain JSON`, () => {
      fc.assert(
        fc.property(inputs.stdout, inputs.stderr, inputs.exitCode, (stdout, err, code) => {
          expectWellFormedParse(timed(() => parse(stdout, err, code)));
        }),
        { numRuns: 300 },
      );
    });
  }
}

type OutputOf = (id: string, stdout: string, options: { stderr?: string; exitCode?: number | null }) => CommandOutput;

/** Random answers to an OS's commands, some of them missing, built by the area's own `output`. */
export function randomCommandOutputs(
  commands: readonly { id: string }[],
  output: OutputOf,
  inputs: { stdout: fc.Arbitrary<string>; stderr: fc.Arbitrary<string>; exitCode: fc.Arbitrary<number | null> },
): fc.Arbitrary<CommandOutput[]> {
  return fc
    .tuple(...commands.map(() => fc.tuple(inputs.stdout, inputs.stderr, inputs.exitCode, fc.boolean())))
    .map((answers) => answers.flatMap(([stdout, err, code, present], index) => (present ? [output(commands[index]!.id, stdout, { stderr: err, exitCode: code })] : [])));
}

/** The test that `opsdeck parse AREA --format F` never throws: a known status for any format on any text, within the time limit. */
export function testCliFormatsNeverThrow<Format extends string>(formats: readonly Format[], parseForCli: (format: Format, text: string) => { status: string }, text: fc.Arbitrary<string>): void {
  test('the CLI formats never throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...formats), text, (format, input) => {
        const result = timed(() => parseForCli(format, input));
        expect(PARSE_STATUSES.has(result.status)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
}
