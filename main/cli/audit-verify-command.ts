// `opsdeck audit verify`: checks the hash chain of the audit log and prints
// OK or the first entry that is broken, missing or reordered. The OK line
// ends with the chain head as `--anchor SEQ:HASH`: an auditor who keeps it
// (in a report, a ticket) can later prove the log was neither truncated nor
// rewritten up to that entry, which the chain alone cannot show.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditChainHead } from '../engine/audit/audit-entry';
import { verifyAuditLog } from '../engine/audit/verify-audit-log';
import { defaultDataDir } from './data-dir';
import { optionValue, rejectUnknownOptions } from './cli-args';
import type { CliCommand } from './cli-io';

export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  summary: 'check the audit log hash chain; name the first broken entry',
  usage: 'opsdeck audit verify [--log FILE] [--data-dir DIR] [--anchor SEQ:HASH]',
  async run(args, io) {
    rejectUnknownOptions(args, ['--log', '--data-dir', '--anchor'], []);
    const anchorText = optionValue(args, '--anchor');
    const anchor = anchorText === undefined ? undefined : parseAnchor(anchorText);
    if (anchor === null) {
      io.stderr.write(`opsdeck audit verify: --anchor must be SEQ:HASH as printed by an earlier verify (e.g. 42:${'0'.repeat(64)}), got ${JSON.stringify(anchorText)}\n`);
      return 2;
    }
    const path = optionValue(args, '--log') ?? join(optionValue(args, '--data-dir') ?? defaultDataDir(io.env), 'audit.log');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      io.stderr.write(`opsdeck audit verify: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      return 2;
    }
    const result = verifyAuditLog(text, anchor ? { anchor } : {});
    if (result.ok) {
      const against = anchor ? `, entry ${anchor.seq} matches the anchor` : '';
      io.stdout.write(`OK ${path}: ${result.entries} entries, chain intact${against} (last hash ${result.lastHash})\n`);
      io.stdout.write(`anchor for a later check: --anchor ${result.entries}:${result.lastHash}\n`);
      return 0;
    }
    io.stdout.write(
      `BROKEN ${path}: entry ${result.brokenAt.seq ?? '?'} at line ${result.brokenAt.line}: ${result.reason}\n` +
        `(${result.entries} entries before it verify)\n`,
    );
    return 1;
  },
};

function parseAnchor(text: string): AuditChainHead | null {
  const match = /^(\d{1,12}):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) return null;
  const seq = Number(match[1]);
  return seq >= 1 ? { seq, hash: match[2]! } : null;
}
