// The commands of a restore test, run on the host itself so that restored and
// live bytes never cross the network: a listing of the snapshot to sample
// from, then one fixed script that restores the sample into a fresh scratch
// directory, hashes the restored and the live copy of each file, and always
// removes the scratch directory.
//
// Like the scan's backup commands, each is a constant script followed by
// single-quoted arguments (the environment file from the validated policy,
// a snapshot id checked to be 64 hex digits, paths from the snapshot's own
// listing or the policy's canaries). The script only uses them as "$n".
import { NO_ENVIRONMENT_EXIT } from './backup-source-state';
import { shellQuote, withHostEnvironment } from './backup-commands';

/** Where scratch directories go (disk-backed, unlike a tmpfs /tmp): `<dir>/opsdeck-restore.<pid>.<random>`. */
export const SCRATCH_PARENT = '/var/tmp';
export const SCRATCH_PREFIX = 'opsdeck-restore.';

export function resticSnapshotsCommand(envFile: string): string {
  return withHostEnvironment(envFile, 'restic snapshots --json --no-lock --no-cache');
}

export function resticLsCommand(envFile: string, snapshotId: string): string {
  if (!/^[0-9a-f]{64}$/.test(snapshotId)) throw new Error(`not a restic snapshot id: ${JSON.stringify(snapshotId)}`);
  return withHostEnvironment(envFile, `restic ls --json --no-lock --no-cache ${shellQuote(snapshotId)}`);
}

/**
 * $1 environment file, $2 snapshot id, then the files (absolute paths).
 * Output, tab-separated: `scratch <dir>`, `restore <exit>`, then per file
 * `file <restored sha256|-> <live sha256|-> <restored bytes|-> <live mtime|-> <live ctime|-> <path>`.
 * restic's cache goes into the scratch directory too, so nothing is written
 * outside it (restic takes its usual shared lock in the repository).
 * fd 3 keeps the channel's stdin: when OpsDeck cancels or its time budget
 * ends, the channel closes, `cat` sees end of file, and the script is
 * terminated — its EXIT trap removes the scratch directory. If the script
 * itself is killed, the next scan finds the directory by its dead pid.
 */
const RESTORE_SCRIPT = [
  'f="$1"; snap="$2"; shift 2',
  `[ -r "$f" ] || { echo "opsdeck: cannot read the backup environment file $f" >&2; exit ${NO_ENVIRONMENT_EXIT}; }`,
  'set -a; . "$f"; set +a',
  `d=$(mktemp -d "${SCRATCH_PARENT}/${SCRATCH_PREFIX}$$.XXXXXXXX") || { echo "opsdeck: cannot create a scratch directory in ${SCRATCH_PARENT}" >&2; exit 124; }`,
  // The restore runs in the background so a signal reaches the script at once;
  // cleanup stops it before removing the directory it writes into. dash does
  // not run the EXIT trap when a signal trap exits, so both traps clean up.
  'cleanup() { [ -n "${r:-}" ] && kill "$r" 2>/dev/null && wait "$r" 2>/dev/null; rm -rf "$d"; }',
  `trap cleanup EXIT`,
  `trap 'cleanup; trap - EXIT; exit 143' INT TERM HUP PIPE`,
  `printf 'scratch\\t%s\\n' "$d"`,
  'exec 3<&0',
  '( cat <&3 >/dev/null; kill -TERM $$ 2>/dev/null ) & w=$!',
  'for p do set -- "$@" --include "$p"; shift; done',
  'restic restore "$snap" --target "$d" --cache-dir "$d/.opsdeck-cache" "$@" </dev/null >&2 & r=$!',
  'wait $r; rc=$?; r=',
  `printf 'restore\\t%s\\n' "$rc"`,
  'for p do',
  '  [ "$p" = --include ] && continue',
  '  rh=-; lh=-; rb=-; m=-; c=-',
  '  if [ -f "$d$p" ]; then rh=$(sha256sum < "$d$p"); rh=${rh%% *}; rb=$(stat -c %s "$d$p"); fi',
  '  if [ -f "$p" ]; then lh=$(sha256sum < "$p"); lh=${lh%% *}; m=$(stat -c %Y "$p"); c=$(stat -c %Z "$p"); fi',
  `  printf 'file\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "$rh" "$lh" "$rb" "$m" "$c" "$p"`,
  'done',
  'kill $w 2>/dev/null',
  'exit 0',
].join('\n');

export const RESTORE_WRAPPER = `sh -c ${shellQuote(RESTORE_SCRIPT)} opsdeck-restore-test`;

export function resticRestoreTestCommand(envFile: string, snapshotId: string, files: string[]): string {
  if (!/^[0-9a-f]{64}$/.test(snapshotId)) throw new Error(`not a restic snapshot id: ${JSON.stringify(snapshotId)}`);
  return [RESTORE_WRAPPER, shellQuote(envFile), shellQuote(snapshotId), ...files.map(shellQuote)].join(' ');
}

/**
 * Finds OpsDeck scratch directories whose script is gone (killed before its
 * trap could run), prints and removes them. Run by every scan of a host
 * with a backup policy; the pid in the name tells a live test from a leftover.
 */
export const LEFTOVER_SCRATCH_COMMAND = `sh -c ${shellQuote(
  [
    `for d in ${SCRATCH_PARENT}/${SCRATCH_PREFIX}*; do`,
    '  [ -d "$d" ] || continue',
    `  p=\${d#${SCRATCH_PARENT}/${SCRATCH_PREFIX}}; p=\${p%%.*}`,
    '  kill -0 "$p" 2>/dev/null && continue',
    `  rm -rf "$d" && printf 'removed\\t%s\\n' "$d"`,
    'done',
    'exit 0',
  ].join('\n'),
)} opsdeck-scratch-cleanup`;
