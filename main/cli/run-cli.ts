// Picks the command from argv and prints help.
import { auditVerifyCommand } from './audit-verify-command';
import { demoFleetCommand } from './demo-fleet-command';
import { devBrowserCommand } from './dev-browser-command';
import { inventoryCheckCommand } from './inventory-check-command';
import { inventoryImportCommand } from './inventory-import-command';
import { restoreTestCommand } from './restore-test-command';
import { scanCommand } from './scan-command';
import { parseCommand } from './parse-command';
import { PATCHES_CLI_FORMATS, parsePatchesForCli, type PatchesCliFormat } from '../engine/collectors/patches/patches-cli';
import { ENCRYPTION_CLI_FORMATS, parseEncryptionForCli, type EncryptionCliFormat } from '../engine/collectors/encryption/encryption-cli';
import { FIREWALL_CLI_FORMATS, parseFirewallForCli, type FirewallCliFormat } from '../engine/collectors/firewall/firewall-cli';
import { UsageError, type CliCommand, type CliIo } from './cli-io';

const COMMANDS: CliCommand[] = [auditVerifyCommand, demoFleetCommand, devBrowserCommand, inventoryCheckCommand, inventoryImportCommand, scanCommand, restoreTestCommand,
  parseCommand({ area: 'patches', formats: PATCHES_CLI_FORMATS, parse: (format, text) => parsePatchesForCli(format as PatchesCliFormat, text) }),
  parseCommand({ area: 'encryption', formats: ENCRYPTION_CLI_FORMATS, parse: (format, text) => parseEncryptionForCli(format as EncryptionCliFormat, text) }),
  parseCommand({ area: 'firewall', formats: FIREWALL_CLI_FORMATS, parse: (format, text) => parseFirewallForCli(format as FirewallCliFormat, text) }),
];

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overallHelp());
    return name ? 0 : 2;
  }
  const command = findCommand(name, rest);
  if (!command) {
    io.stderr.write(`opsdeck: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${overallHelp()}`);
    return 2;
  }
  const args = command.name.includes(' ') ? rest.slice(1) : rest;
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.summary}\n\nusage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`opsdeck ${command.name}: ${error.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}

function findCommand(name: string, rest: string[]): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === `${name} ${rest[0] ?? ''}`) ?? COMMANDS.find((command) => command.name === name);
}

function overallHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `usage: opsdeck <command> [options]   (opsdeck <command> --help for details)\n\ncommands:\n${lines.join('\n')}\n`;
}
