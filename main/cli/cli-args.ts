// A command's arguments, read against what it declares it accepts: options
// that take a value (`--name value`) and flags. run-cli refuses anything else
// before the command runs, so every command refuses a mistyped option the
// same way, and the list of options is written once per command.
import { UsageError } from './cli-io';

export interface AcceptedOptions {
  /** Options followed by a value (`--data-dir DIR`); one may be given more than once when the command reads them all (`all`). */
  values?: readonly string[];
  /** Options that stand alone (`--json`). */
  flags?: readonly string[];
}

export class CliArgs {
  private constructor(
    /** The arguments as given, after the command's name. */
    readonly list: readonly string[],
    private readonly valueOptions: readonly string[],
  ) {}

  /** The arguments of a command that accepts `accepts`; a usage error names the first option it does not. */
  static read(list: readonly string[], accepts: AcceptedOptions): CliArgs {
    const values = accepts.values ?? [];
    const flags = accepts.flags ?? [];
    for (let index = 0; index < list.length; index++) {
      const arg = list[index]!;
      if (values.includes(arg)) index++;
      else if (arg.startsWith('--') && !flags.includes(arg)) throw new UsageError(`unknown option ${arg}`);
    }
    return new CliArgs(list, values);
  }

  /** The value after `name` (the first one), or undefined when the option is not given. */
  value(name: string): string | undefined {
    const index = this.list.indexOf(name);
    if (index < 0) return undefined;
    const value = this.list[index + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return value;
  }

  /** Every option in `names` with its value, in the order given (an option a command takes more than once). */
  all(names: readonly string[]): { name: string; value: string }[] {
    const found: { name: string; value: string }[] = [];
    for (let index = 0; index < this.list.length; index++) {
      const name = this.list[index]!;
      if (!names.includes(name)) continue;
      const value = this.list[index + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
      found.push({ name, value });
      index++;
    }
    return found;
  }

  flag(name: string): boolean {
    return this.list.includes(name);
  }

  /** Everything that is neither an option nor an option's value. */
  positionals(): string[] {
    const result: string[] = [];
    for (let index = 0; index < this.list.length; index++) {
      const arg = this.list[index]!;
      if (this.valueOptions.includes(arg)) index++;
      else if (!arg.startsWith('--') || arg === '-') result.push(arg);
    }
    return result;
  }

  /** The one positional argument a command takes; a usage error naming `what` when there is none or more. */
  onlyPositional(what: string): string {
    const [value, ...extra] = this.positionals();
    if (!value || extra.length > 0) throw new UsageError(`give exactly one ${what}`);
    return value;
  }
}
