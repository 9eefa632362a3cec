// `opsdeck audit verify`: checks the hash chain of the audit log and prints
// OK or the first entry that is broken, missing or reordered.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyAuditLog } from '../engine/audit/verify-audit-log';
import { defaultDataDir } from './data-dir';
import { optionValue, rejectUnknownOptions } from './cli-args';
import type { CliCommand } from './cli-io';

export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  summary: 'check the audit log hash chain; name the first broken entry',
  usage: 'opsdeck audit verify [--log FILE] [--data-dir DIR]',
  async run(args, io) {
    rejectUnknownOptions(args, ['--log', '--data-dir'], []);
    const path = optionValue(args, '--log') ?? join(optionValue(args, '--data-dir') ?? defaultDataDir(io.env), 'audit.log');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      io.stderr.write(`opsdeck audit verify: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      return 2;
    }
    const result = verifyAuditLog(text);
    if (result.ok) {
      io.stdout.write(`OK ${path}: ${result.entries} entries, chain intact (last hash ${result.lastHash})\n`);
      return 0;
    }
    io.stdout.write(
      `BROKEN ${path}: entry ${result.brokenAt.seq ?? '?'} at line ${result.brokenAt.line}: ${result.reason}\n` +
        `(${result.entries} entries before it verify)\n`,
    );
    return 1;
  },
};
