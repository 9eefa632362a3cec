// How a command line arrives from OpsDeck: `env LC_ALL=C <tool invocation>`,
// optionally behind `sudo -n `. The profile answers by tool invocation.
export interface DemoCommand {
  /** Came through `sudo -n` (runs as root unless the host's sudo wants a password). */
  sudo: boolean;
  /** The tool invocation with prefixes stripped and whitespace collapsed: `nft -j list ruleset`. */
  invocation: string;
  /** First word of the invocation: `nft`. */
  tool: string;
}

const SUDO_PREFIX = /^sudo\s+-n\s+/;
// Both the `env` form OpsDeck sends and a plain shell assignment.
const LOCALE_PREFIX = /^(?:env\s+)?LC_ALL=C\s+/;

export function parseDemoCommand(line: string): DemoCommand {
  let rest = line.trim();
  const sudo = SUDO_PREFIX.test(rest);
  if (sudo) rest = rest.replace(SUDO_PREFIX, '');
  rest = rest.replace(LOCALE_PREFIX, '');
  const invocation = rest.split(/\s+/).filter(Boolean).join(' ');
  return { sudo, invocation, tool: invocation.split(' ')[0] ?? '' };
}
