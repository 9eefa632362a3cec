// The command of one integrity check, run on the host through its own
// backup environment (like every backup command: a constant script, then
// single-quoted arguments; see backup-commands.ts):
// - restic: `restic check --read-data-subset=K/N` reads the K-th of N parts
//   of the pack files (restic 0.14+), so N successive checks with K = 1…N
//   read the whole repository once;
// - borg 1.2: `borg check --verify-data` reads and decrypts every chunk.
//   borg's `--max-duration` bounds only `--repository-only` checks (a CRC
//   check of the segments, no decryption); it cannot be combined with
//   `--verify-data`, so a borg check reads the whole repository each time
//   (a cycle of one part) and only OpsDeck's time budget bounds it.
//
// restic check makes a temporary cache; it goes into a fresh scratch
// directory (removed by the script's trap, or by the next scan's sweep if
// the script was killed), so nothing is written outside it but the tool's
// lock in the repository. fd 3 keeps the channel's stdin: when OpsDeck
// cancels or its budget ends, the channel closes and the check is stopped.
import { NO_ENVIRONMENT_EXIT } from './backup-source-state';
import { shellQuote } from './backup-commands';
import { SCRATCH_PARENT, SCRATCH_PREFIX } from './restore-test-commands';

const CHECK_SCRIPT = [
  'f="$1"; shift',
  `[ -r "$f" ] || { echo "opsdeck: cannot read the backup environment file $f" >&2; exit ${NO_ENVIRONMENT_EXIT}; }`,
  'BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes; BORG_RELOCATED_REPO_ACCESS_IS_OK=no; export BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK BORG_RELOCATED_REPO_ACCESS_IS_OK',
  'set -a; . "$f"; set +a',
  `d=$(mktemp -d "${SCRATCH_PARENT}/${SCRATCH_PREFIX}$$.XXXXXXXX") || { echo "opsdeck: cannot create a scratch directory in ${SCRATCH_PARENT}" >&2; exit 124; }`,
  'cleanup() { [ -n "${r:-}" ] && kill "$r" 2>/dev/null && wait "$r" 2>/dev/null; rm -rf "$d"; }',
  'trap cleanup EXIT',
  `trap 'cleanup; trap - EXIT; exit 143' INT TERM HUP PIPE`,
  'exec 3<&0',
  '( cat <&3 >/dev/null; kill -TERM $$ 2>/dev/null ) & w=$!',
  'if [ "$1" = restic ]; then "$@" --cache-dir "$d" </dev/null & r=$!; else "$@" </dev/null & r=$!; fi',
  'wait $r; rc=$?; r=',
  'kill $w 2>/dev/null',
  'exit $rc',
].join('\n');

export const CHECK_WRAPPER = `sh -c ${shellQuote(CHECK_SCRIPT)} opsdeck-integrity-check`;

export function resticCheckArgv(subset: number, subsets: number): string {
  if (!Number.isInteger(subset) || !Number.isInteger(subsets) || subset < 1 || subset > subsets) throw new Error(`not a restic data subset: ${subset}/${subsets}`);
  return `restic check --read-data-subset=${subset}/${subsets}`;
}

export const BORG_CHECK_ARGV = 'borg check --verify-data';

export function integrityCheckCommand(envFile: string, toolArgv: string): string {
  return `${CHECK_WRAPPER} ${shellQuote(envFile)} ${toolArgv}`;
}
