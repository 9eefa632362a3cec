// `opsdeck audit verify`: checks the audit log's hash chain and, with its key
// from the keychain, every entry's MAC; prints OK, UNKEYED (the chain holds
// but appended forgeries could not be ruled out: no key for the log, or no
// keychain here) or BROKEN with the first entry that is broken, missing,
// reordered or forged. OK and UNKEYED end with the chain head as `--anchor
// SEQ:HASH`: an auditor who keeps it (in a report, a ticket) can later prove
// the log was neither truncated nor rewritten up to that entry.
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { newestAuditAnchor, workstationId } from '../engine/store/audit-anchor-store';
import { openTeamStore } from '../engine/store/open-store';
import { TeamStoreError } from '../engine/store/team-store-error';
import type { AuditChainHead } from '../engine/audit/audit-entry';
import { verifyAuditFile, type AuditFileVerdict } from '../engine/audit/verify-audit-file';
import { KeytarSecretStore } from '../engine/secrets/keytar-secret-store';
import { defaultDataDir } from './data-dir';
import { UsageError, type CliCommand, type CliIo } from './cli-io';

export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  summary: 'check the audit log hash chain and its keyed MACs; name the first broken or forged entry',
  usage: 'opsdeck audit verify [--log FILE] [--data-dir DIR] [--anchor SEQ:HASH | --anchors-from-store] [--allow-unkeyed]',
  accepts: { values: ['--log', '--data-dir', '--anchor'], flags: ['--allow-unkeyed', '--anchors-from-store'] },
  async run(args, io) {
    const anchorText = args.value('--anchor');
    const anchor = args.flag('--anchors-from-store')
      ? await anchorFromStore(io, resolve(args.value('--data-dir') ?? defaultDataDir(io.env)))
      : anchorText === undefined
        ? undefined
        : parseAnchor(anchorText);
    if (anchor === null) {
      io.stderr.write(`opsdeck audit verify: --anchor must be SEQ:HASH as printed by an earlier verify (e.g. 42:${'0'.repeat(64)}), got ${JSON.stringify(anchorText)}\n`);
      return 2;
    }
    const path = args.value('--log') ?? join(args.value('--data-dir') ?? defaultDataDir(io.env), 'audit.log');
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
      io.stdout.write(`BROKEN ${path}: entry ${result.brokenAt.seq ?? '?'} at line ${result.brokenAt.line}: ${result.reason}\n` + `(${result.entries} entries before it verify)\n`);
      return 1;
    }
    const against = anchor ? `, entry ${anchor.seq} matches the anchor` : '';
    if (verdict.keying === 'keyed') {
      io.stdout.write(`OK ${path}: ${result.entries} entries, chain intact${against}; ${verdict.keyingNote} (last hash ${result.lastHash})\n`);
    } else {
      io.stdout.write(`UNKEYED ${path}: ${result.entries} entries, chain intact${against}, but ${verdict.keyingNote.replace(/^UNKEYED: /, '')}\n`);
    }
    io.stdout.write(`anchor for a later check: --anchor ${result.entries}:${result.lastHash}\n`);
    return verdict.keying === 'keyed' || args.flag('--allow-unkeyed') ? 0 : 1;
  },
};

function parseAnchor(text: string): AuditChainHead | null {
  const match = /^(\d{1,12}):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) return null;
  const seq = Number(match[1]);
  return seq >= 1 ? { seq, hash: match[2]! } : null;
}

/** This workstation's newest anchor in the team store (--store or OPSDECK_STORE_URL). */
async function anchorFromStore(io: CliIo, dataDir: string): Promise<AuditChainHead> {
  const url = io.env.OPSDECK_STORE_URL;
  if (!url) throw new UsageError('--anchors-from-store needs the team store: --store URL or OPSDECK_STORE_URL');
  const store = await openTeamStore(url);
  try {
    const workstation = workstationId(hostname(), dataDir);
    const anchor = await newestAuditAnchor(store.sql, workstation);
    if (!anchor) throw new TeamStoreError(`the team store ${store.identity.where} holds no audit anchor for this workstation (${workstation}): none is recorded before its first scan`);
    io.stdout.write(`anchor from the team store: entry ${anchor.seq}, recorded ${anchor.recordedAt}\n`);
    return { seq: anchor.seq, hash: anchor.hash };
  } finally {
    await store.close();
  }
}
