// The real `apt-get -s -o Debug::NoLocking=1 dist-upgrade` of this Debian
// machine, sent exactly as OpsDeck sends it (`env LC_ALL=C …` through a
// POSIX shell), parsed by the patches collector. Locally for now; the same
// line goes through sshd once the transport is wired in. Everything run here
// is read-only (a simulation, cat, stat, uname, tail).
import { execFile } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { remoteCommandLine, type CommandOutput } from '../../main/engine/collectors/host-command';
import { parseAptSimulation } from '../../main/engine/collectors/patches/apt-simulation';
import { PATCH_COMMAND_IDS as ids, PATCH_COMMANDS } from '../../main/engine/collectors/patches/patch-commands';
import { patchFacts } from '../../main/engine/collectors/patches/patch-facts';

interface LocalRun {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/** What a remote login shell does with the line OpsDeck sends: `sh -c '<line>'`. */
function runLikeSshd(line: string): Promise<LocalRun> {
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', line], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      // error.code is the exit status when the command ran and failed; a kill leaves it unset.
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ stdout, stderr, exitCode });
    });
  });
}

const APT = PATCH_COMMANDS.debian.find((command) => command.id === ids.aptSimulation)!;

describe('real apt-get -s dist-upgrade on this machine', () => {
  test('parses with status ok, and every Inst line became an update', async () => {
    const line = remoteCommandLine(APT, false);
    expect(line).toBe('env LC_ALL=C apt-get -s -o Debug::NoLocking=1 dist-upgrade');
    const run = await runLikeSshd(line);
    if (run.exitCode === 127 || (run.exitCode !== 0 && /apt-get: (command )?not found/.test(run.stderr))) {
      expect.fail(`apt-get is not installed on this machine (exit ${run.exitCode}: ${run.stderr.trim()}); this test needs a Debian host with apt`);
    }
    expect(run.exitCode, run.stderr).toBe(0);
    const parsed = parseAptSimulation(run.stdout, run.stderr, run.exitCode);
    expect(parsed.status, parsed.message ?? '').toBe('ok');
    const instLines = run.stdout.split('\n').filter((each) => each.startsWith('Inst '));
    const installs = parsed.value!.installs;
    // May legitimately be zero on an up-to-date machine.
    expect(installs.map((install) => install.line)).toEqual(instLines);
    for (const [index, install] of installs.entries()) {
      const [, name] = instLines[index]!.split(' ');
      expect(install.name).toBe(name);
      expect(install.candidate.length).toBeGreaterThan(0);
      expect(install.origins.length, instLines[index]).toBeGreaterThan(0);
      expect(install.security, instLines[index]).toBe(/-security[ ,\]]/.test(instLines[index]!) || /Debian-Security:/.test(instLines[index]!));
    }
    expect(parsed.warnings.filter((warning) => /announces|not understood/.test(warning))).toEqual([]);
    const summary = parsed.value!.summary!;
    expect(summary.upgraded + summary.newlyInstalled + summary.downgraded + summary.reinstalled).toBe(installs.length);
  });

  test('all Debian patch commands, run as OpsDeck would, give facts with no parse failure', async () => {
    const now = new Date();
    const outputs = await Promise.all(
      PATCH_COMMANDS.debian.map(async (command): Promise<CommandOutput> => {
        const line = remoteCommandLine(command, false);
        const run = await runLikeSshd(line);
        return { id: command.id, command: line, stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode, durationMs: 0, error: null };
      }),
    );
    const facts = patchFacts('debian', outputs, now);
    expect(facts.checks.filter((check) => check.status === 'unparsed')).toEqual([]);
    expect(facts.pendingUpdatesKnown).toBe(true);
    expect(facts.release.name).toMatch(/Debian/);
    expect(facts.kernelOrPlatform).toBeTruthy();
    // A machine whose lists are older than a day, or unknown, must not be called up to date.
    if (facts.packageIndex.stale !== false) expect(facts.upToDate).not.toBe(true);
    if (facts.pendingUpdates.length > 0) expect(facts.upToDate).toBe(false);
  });
});
