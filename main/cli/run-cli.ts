// Picks the command from argv and prints help, and owns the exit-code policy:
// 0 all good, 1 the job ran but something failed (a host, a broken chain),
// 2 bad usage or bad input (UsageError, a bad inventory), 3 an internal
// failure (anything a command did not expect). For 3 the operator sees one
// line; the stack goes to debug.log in the data folder (0600), or to stderr
// with --debug.
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { auditVerifyCommand } from './audit-verify-command';
import { demoFleetCommand } from './demo-fleet-command';
import { devBrowserCommand } from './dev-browser-command';
import { DRILLS_COMMANDS } from './drills-commands';
import { integrityCheckCommand } from './integrity-check-command';
import { inventoryCheckCommand } from './inventory-check-command';
import { inventoryImportCommand } from './inventory-import-command';
import { restoreTestCommand } from './restore-test-command';
import { reportCommand } from './report-command';
import { evidencePackCommand, evidenceVerifyCommand } from './evidence-commands';
import { scanCommand } from './scan-command';
import { parseCommand } from './parse-command';
import { PATCHES_CLI_FORMATS, parsePatchesForCli, type PatchesCliFormat } from '../engine/collectors/patches/patches-cli';
import { ENCRYPTION_CLI_FORMATS, parseEncryptionForCli, type EncryptionCliFormat } from '../engine/collectors/encryption/encryption-cli';
import { BACKUPS_CLI_FORMATS, parseBackupsForCli, type BackupsCliFormat } from '../engine/collectors/backups/backups-cli';
import { FIREWALL_CLI_FORMATS, parseFirewallForCli, type FirewallCliFormat } from '../engine/collectors/firewall/firewall-cli';
import { ACCESS_CLI_FORMATS, parseAccessForCli, type AccessCliFormat } from '../engine/collectors/access/access-cli';
import { TRANSPORT_CLI_FORMATS, parseTransportForCli, type TransportCliFormat } from '../engine/collectors/transport/transport-cli';
import { CliArgs } from './cli-args';
import { UsageError, type CliCommand, type CliIo } from './cli-io';
import { defaultDataDir } from './data-dir';
import { errorMessage } from '../engine/errors/error-message';
import { TeamStoreError } from '../engine/store/team-store-error';
import { STORE_COMMANDS } from './store-commands';

export const INTERNAL_FAILURE_EXIT = 3;

const COMMANDS: CliCommand[] = [
  auditVerifyCommand,
  demoFleetCommand,
  devBrowserCommand,
  inventoryCheckCommand,
  inventoryImportCommand,
  scanCommand,
  restoreTestCommand,
  integrityCheckCommand,
  reportCommand,
  evidencePackCommand,
  evidenceVerifyCommand,
  parseCommand({ area: 'patches', formats: PATCHES_CLI_FORMATS, parse: (format, text) => parsePatchesForCli(format as PatchesCliFormat, text) }),
  parseCommand({ area: 'encryption', formats: ENCRYPTION_CLI_FORMATS, parse: (format, text) => parseEncryptionForCli(format as EncryptionCliFormat, text) }),
  parseCommand({ area: 'firewall', formats: FIREWALL_CLI_FORMATS, parse: (format, text) => parseFirewallForCli(format as FirewallCliFormat, text) }),
  parseCommand({ area: 'backups', formats: BACKUPS_CLI_FORMATS, parse: (format, text) => parseBackupsForCli(format as BackupsCliFormat, text) }),
  parseCommand({ area: 'access', formats: ACCESS_CLI_FORMATS, parse: (format, text) => parseAccessForCli(format as AccessCliFormat, text) }),
  parseCommand({ area: 'transport', formats: TRANSPORT_CLI_FORMATS, parse: (format, text) => parseTransportForCli(format as TransportCliFormat, text) }),
  ...DRILLS_COMMANDS,
  ...STORE_COMMANDS,
];

export async function runCli(argvWithDebug: string[], io: CliIo): Promise<number> {
  const debug = argvWithDebug.includes('--debug');
  const { argv, storeUrl } = withoutStoreOption(argvWithDebug.filter((arg) => arg !== '--debug'));
  if (storeUrl === '') {
    io.stderr.write('opsdeck: --store needs a value: a team store URL, postgresql://user@host:5432/database\n');
    return 2;
  }
  if (storeUrl !== null) io = { ...io, env: { ...io.env, OPSDECK_STORE_URL: storeUrl } };
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
    return await command.run(CliArgs.read(args, command.accepts), io);
  } catch (error) {
    if (error instanceof TeamStoreError) {
      io.stderr.write(`opsdeck ${command.name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`opsdeck ${command.name}: ${error.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    return reportInternalFailure(command, args, error, debug, io);
  }
}

async function reportInternalFailure(command: CliCommand, args: string[], error: unknown, debug: boolean, io: CliIo): Promise<number> {
  const message = errorMessage(error);
  const stack = error instanceof Error && error.stack ? error.stack : message;
  if (debug) {
    io.stderr.write(`opsdeck ${command.name}: internal error: ${message}\n${stack}\n`);
    return INTERNAL_FAILURE_EXIT;
  }
  const dataDirAt = args.indexOf('--data-dir');
  const dataDir = (dataDirAt >= 0 ? args[dataDirAt + 1] : undefined) ?? defaultDataDir(io.env);
  const logPath = join(dataDir, 'debug.log');
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await appendFile(logPath, `${new Date().toISOString()} opsdeck ${command.name}: ${stack}\n`, { mode: 0o600 });
    io.stderr.write(`opsdeck ${command.name}: internal error: ${message}\n(details in ${logPath}; run again with --debug to print them)\n`);
  } catch {
    io.stderr.write(`opsdeck ${command.name}: internal error: ${message}\n${stack}\n`);
  }
  return INTERNAL_FAILURE_EXIT;
}

/** `--store URL` anywhere on the line chooses the team store for any command (as OPSDECK_STORE_URL does). */
function withoutStoreOption(argv: string[]): { argv: string[]; storeUrl: string | null } {
  const index = argv.indexOf('--store');
  if (index < 0) return { argv, storeUrl: null };
  const value = argv[index + 1];
  return { argv: [...argv.slice(0, index), ...argv.slice(index + 2)], storeUrl: value === undefined || value.startsWith('--') ? '' : value };
}

function findCommand(name: string, rest: string[]): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === `${name} ${rest[0] ?? ''}`) ?? COMMANDS.find((command) => command.name === name);
}

function overallHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `usage: opsdeck <command> [options] [--debug]   (opsdeck <command> --help for details)\n\ncommands:\n${lines.join('\n')}\n\nexit codes: 0 all good, 1 the job ran but something failed, 2 bad usage or input, 3 internal failure (details in debug.log in the data folder, or on stderr with --debug)\n`;
}
