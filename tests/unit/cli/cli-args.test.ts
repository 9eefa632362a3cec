// Arguments are read against what a command declares: an option it does not
// accept is refused before it runs (every command alike), an option's value
// is never taken for a positional argument, and repeated options are read in
// order.
import { expect, test } from 'vitest';
import { CliArgs } from '../../../main/cli/cli-args';
import { UsageError } from '../../../main/cli/cli-io';
import { runOpsdeck } from '../../support/cli-run';

test('an option a command does not accept is refused by name; values and flags it accepts are read', () => {
  const accepts = { values: ['--out', '--viewer'], flags: ['--json'] };
  expect(() => CliArgs.read(['report.html', '--outt', 'x'], accepts)).toThrow(new UsageError('unknown option --outt'));
  const args = CliArgs.read(['--out', 'report.html', 'FILE', '--json', '--viewer', 'ann', '--viewer', 'bob', '-'], accepts);
  expect(args.value('--out')).toBe('report.html');
  expect(args.value('--viewer')).toBe('ann');
  expect(args.flag('--json')).toBe(true);
  expect(args.positionals()).toEqual(['FILE', '-']);
  expect(args.all(['--viewer'])).toEqual([
    { name: '--viewer', value: 'ann' },
    { name: '--viewer', value: 'bob' },
  ]);
});

test('a missing value and a wrong number of positionals are usage errors naming what is wanted', () => {
  const accepts = { values: ['--key'] };
  expect(() => CliArgs.read(['pack.zip', '--key'], accepts).value('--key')).toThrow(new UsageError('--key needs a value'));
  expect(() => CliArgs.read(['a.zip', 'b.zip'], accepts).onlyPositional('FILE.zip')).toThrow(new UsageError('give exactly one FILE.zip'));
  expect(() => CliArgs.read(['--key', 'k.pub'], accepts).onlyPositional('FILE.zip')).toThrow(new UsageError('give exactly one FILE.zip'));
  expect(CliArgs.read(['--key', 'k.pub', 'a.zip'], accepts).onlyPositional('FILE.zip')).toBe('a.zip');
});

test('every command refuses an option it does not know with exit 2 and its usage, before doing anything', async () => {
  const help = await runOpsdeck(['--help']);
  const names = help.stdout
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim().split(/ {2,}/)[0]!);
  expect(names.length).toBeGreaterThanOrEqual(20);
  for (const name of names) {
    const run = await runOpsdeck([...name.split(' '), '--no-such-option'], { OPSDECK_DATA_DIR: '/nonexistent/opsdeck-never-made' });
    expect({ name, code: run.code }).toEqual({ name, code: 2 });
    expect(run.stderr.startsWith(`opsdeck ${name}: unknown option --no-such-option\nusage: opsdeck `), run.stderr).toBe(true);
    expect(run.stdout).toBe('');
  }
});
