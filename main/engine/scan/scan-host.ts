// Scans one host: detects its OS when the inventory says "auto", runs the
// identity commands as parallel channels on one connection, records every
// command in the audit log, and keeps every raw output as evidence.
import type { FindingView, HostScanDetail, HostPhase, PostureArea, Severity } from '../../../preload/contract';
import type { AreaCollector } from '../collectors/area-collector';
import { remoteCommandLine, type CommandOutput, type HostCommand, type TargetOs } from '../collectors/host-command';
import { IDENTITY_COMMANDS, OS_PROBE, osFromUname } from '../collectors/identity/identity-commands';
import { identityFromOutputs } from '../collectors/identity/parse-identity';
import { SshError } from '../ssh/ssh-error';
import type { CommandAudit } from './command-audit';
import type { CommandExecutor } from './command-executor';
import type { ScanTarget } from './scan-target';

export interface ScanHostContext {
  runId: string;
  executor: CommandExecutor;
  audit: CommandAudit;
  signal: AbortSignal;
  now: () => Date;
  /** Per-command limit; absent = the transport's own default. */
  commandTimeoutMs?: number;
  onPhase: (phase: HostPhase) => void;
  collectors: AreaCollector[];
  /** The area facts of this host's previous scan (for clocks carried across scans). */
  previousFacts: (host: string) => Promise<Partial<Record<PostureArea, unknown>>>;
}

export async function scanHost(target: ScanTarget, context: ScanHostContext): Promise<HostScanDetail> {
  const startedAt = context.now().toISOString();
  const outputs: CommandOutput[] = [];
  let findings: FindingView[] = [];
  let facts: Partial<Record<PostureArea, unknown>> = {};
  const finish = (phase: HostPhase, reason: string | null, detectedOs: TargetOs | null): HostScanDetail => ({
    runId: context.runId,
    findings,
    facts,
    findingCounts: countBySeverity(findings),
    host: target.name,
    dc: target.dc,
    phase,
    reason,
    startedAt,
    finishedAt: context.now().toISOString(),
    detectedOs,
    identity: detectedOs && phase === 'done' ? identityFromOutputs(detectedOs, outputs, context.now()) : null,
    outputs: outputs.map((output) => ({ ...output })),
  });

  context.onPhase('connecting');
  let os: TargetOs;
  if (target.os === 'auto') {
    const probe = await runCommand(target, OS_PROBE, context);
    outputs.push(probe);
    if (probe.error) return finish(context.signal.aborted ? 'cancelled' : 'failed', probe.error, null);
    const detected = osFromUname(probe.stdout);
    if (!detected) {
      return finish('failed', `cannot tell the OS: \`uname -s\` answered ${JSON.stringify(probe.stdout.trim().slice(0, 40))}; expected Linux or SunOS`, null);
    }
    os = detected;
  } else {
    os = target.os;
  }

  context.onPhase('running');
  const commands = [...IDENTITY_COMMANDS[os], ...context.collectors.flatMap((collector) => [...collector.commands[os], ...(collector.hostCommands?.(os, target.policy) ?? [])])];
  // Areas share some commands (os-release, uname -r): each distinct line runs once.
  const runs = new Map<string, Promise<CommandOutput>>();
  const lostConnection: CommandOutput[] = [];
  const results = await Promise.all(
    commands.map(async (command) => {
      const line = remoteCommandLine(command, target.useSudo);
      let run = runs.get(line);
      if (!run) runs.set(line, (run = runCommand(target, command, context, (output) => lostConnection.push(output))));
      return { ...(await run), id: command.id };
    }),
  );
  outputs.push(...results);
  if (context.signal.aborted) return finish('cancelled', 'scan cancelled', os);
  const connectionFailure = results.find((output) => output.error !== null && output.exitCode === null);
  if (connectionFailure && results.every((output) => output.exitCode === null)) {
    return finish('failed', connectionFailure.error, os);
  }
  // The connection died part-way (sshd killed, host or jump host gone): the
  // outputs that did arrive are evidence, but facts built from them would
  // claim a partial picture is the whole one.
  if (lostConnection[0]) {
    const answered = results.filter((output) => output.exitCode !== null).length;
    return finish('failed', `${lostConnection[0].error} (${answered} of ${results.length} commands had answered; kept as evidence)`, os);
  }
  ({ facts, findings } = assess(target, os, outputs, context, await context.previousFacts(target.name).catch(() => ({}))));
  const done = finish('done', null, os);
  if (done.identity && (done.identity.osName === null || done.identity.kernel === null)) {
    return { ...done, reason: 'answered, but its identity output was not understood (kept as evidence)' };
  }
  return done;
}

function assess(target: ScanTarget, os: TargetOs, outputs: CommandOutput[], context: ScanHostContext, previous: Partial<Record<PostureArea, unknown>>) {
  const now = context.now();
  const facts: Partial<Record<PostureArea, unknown>> = {};
  const findings: FindingView[] = [];
  const hostContext = { host: target.name, dc: target.dc, siteRole: target.siteRole, os, policy: target.policy, now };
  for (const collector of context.collectors) {
    const areaFacts = collector.facts(os, outputs, now, previous[collector.area], target.policy);
    facts[collector.area] = areaFacts;
    findings.push(...collector.findings(areaFacts, hostContext));
  }
  return { facts, findings };
}

export function countBySeverity(findings: FindingView[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return counts;
}

async function runCommand(target: ScanTarget, command: HostCommand, context: ScanHostContext, onConnectionLost?: (output: CommandOutput) => void): Promise<CommandOutput> {
  const line = remoteCommandLine(command, target.useSudo);
  const base = { id: command.id, command: line };
  if (context.signal.aborted) return { ...base, stdout: '', stderr: '', exitCode: null, durationMs: 0, error: 'scan cancelled' };
  let startSeq: number;
  try {
    startSeq = await context.audit.commandStarted({ runId: context.runId, host: target.name, dc: target.dc, address: target.address, command: line });
  } catch (error) {
    return { ...base, stdout: '', stderr: '', exitCode: null, durationMs: 0, error: `not run: the audit log could not record it (${messageOf(error)})` };
  }
  const started = Date.now();
  let output: CommandOutput;
  let signalName: string | null = null;
  try {
    const result = await context.executor.exec(target.route, line, {
      timeoutMs: command.timeoutMs ?? context.commandTimeoutMs,
      signal: context.signal,
    });
    signalName = result.signal;
    output = { ...base, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, durationMs: result.durationMs, error: null };
  } catch (error) {
    output = { ...base, stdout: '', stderr: '', exitCode: null, durationMs: Date.now() - started, error: messageOf(error) };
    // A hung command (timeout) or a refused channel concerns only that command; this means the connection is gone.
    if (error instanceof SshError && error.code === 'connection-lost') onConnectionLost?.(output);
  }
  await context.audit
    .commandEnded(startSeq, {
      host: target.name,
      exitCode: output.exitCode,
      signal: signalName,
      error: output.error,
      stdout: output.stdout,
      stderr: output.stderr,
      durationMs: output.durationMs,
    })
    .catch((error: unknown) => {
      output.error = output.error ?? `ran, but the audit log could not record its end (${messageOf(error)})`;
    });
  return output;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
