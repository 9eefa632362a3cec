// `opsdeck audit verify`: checks the audit log's hash chain and, with its key
// from the keychain, every entry's MAC; prints OK, UNKEYED (the chain holds
// but appended forgeries could not be ruled out: no key for the log, or no
// keychain here) or BROKEN with the first entry that is broken, missing,
// reordered or forged. OK and UNKEYED end with the chain head as `--anchor
// SEQ:HASH`: an auditor who keeps it (in a report, a ticket) can later prove
// the log was neither truncated nor rewritten up to that entry.
import { join } from 'node:path';
import type { AuditChainHead } from '../engine/audit/audit-entry';
import { verifyAuditFile, type AuditFileVerdict } from '../engine/audit/verify-audit-file';
import { KeytarSecretStore } from '../engine/secrets/keytar-secret-store';
import { defaultDataDir } from './data-dir';
import { hasFlag, optionValue, rejectUnknownOptions } from './cli-args';
import type { CliCommand } from './cli-io';

export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  summary: 'check the audit log hash chain and its keyed MACs; name the first broken or forged entry',
  usage: 'opsdeck audit verify [--log FILE] [--data-dir DIR] [--anchor SEQ:HASH] [--allow-unkeyed]',
  async run(args, io) {
    rejectUnknownOptions(args, ['--log', '--data-dir', '--anchor'], ['--allow-unkeyed']);
    const anchorText = optionValue(args, '--anchor');
    const anchor = anchorText === undefined ? undefined : parseAnchor(anchorText);
    if (anchor === null) {
      io.stderr.write(`opsdeck audit verify: --anchor must be SEQ:HASH as printed by an earlier verify (e.g. 42:${'0'.repeat(64)}), got ${JSON.stringify(anchorText)}\n`);
      return 2;
    }
    const path = optionValue(args, '--log') ?? join(optionValue(args, '--data-dir') ?? defaultDataDir(io.env), 'audit.log');
    let verdict: AuditFileVerdict;
    try {
      verdict = await verifyAuditFile(path, io.secrets ?? new KeytarSecretStore(), anchor ? { anchor } : {});
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!code) throw error;
      io.stderr.write(`opsdeck audit verify: cannot read ${path}: ${code}\n`);
      return 2;
    }
    const { result } = verdict;
    if (!result.ok) {
      io.stdout.write(
        `BROKEN ${path}: entry ${result.brokenAt.seq ?? '?'} at line ${result.brokenAt.line}: ${result.reason}\n` +
          `(${result.entries} entries before it verify)\n`,
      );
      return 1;
    }
    const against = anchor ? `, entry ${anchor.seq} matches the anchor` : '';
    if (verdict.keying === 'keyed') {
      io.stdout.write(`OK ${path}: ${result.entries} entries, chain intact${against}; ${verdict.keyingNote} (last hash ${result.lastHash})\n`);
    } else {
      io.stdout.write(`UNKEYED ${path}: ${result.entries} entries, chain intact${against}, but ${verdict.keyingNote.replace(/^UNKEYED: /, '')}\n`);
    }
    io.stdout.write(`anchor for a later check: --anchor ${result.entries}:${result.lastHash}\n`);
    return verdict.keying === 'keyed' || hasFlag(args, '--allow-unkeyed') ? 0 : 1;
  },
};

function parseAnchor(text: string): AuditChainHead | null {
  const match = /^(\d{1,12}):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) return null;
  const seq = Number(match[1]);
  return seq >= 1 ? { seq, hash: match[2]! } : null;
}
