// Tiny argv helpers: `--name value` options and boolean flags, and a clear
// usage error for anything else.
import { UsageError } from './cli-io';

export function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return value;
}

export function hasFlag(args: string[], name: string): boolean {
  return args.includes(name);
}

/** Positional arguments: everything that is neither an option nor an option's value. */
export function positionals(args: string[], valueOptions: string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (valueOptions.includes(arg)) index++;
    else if (!arg.startsWith('--') || arg === '-') result.push(arg);
  }
  return result;
}

/** The one positional argument a command takes; a usage error naming `what` when there is none or more. */
export function onlyPositional(args: string[], valueOptions: string[], what: string): string {
  const [value, ...extra] = positionals(args, valueOptions);
  if (!value || extra.length > 0) throw new UsageError(`give exactly one ${what}`);
  return value;
}

export function rejectUnknownOptions(args: string[], valueOptions: string[], flags: string[]): void {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (valueOptions.includes(arg)) index++;
    else if (arg.startsWith('--') && !flags.includes(arg)) throw new UsageError(`unknown option ${arg}`);
  }
}
