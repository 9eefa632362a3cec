// Scans one host: detects its OS when the inventory says "auto", runs the
// identity commands as parallel channels on one connection, records every
// command in the audit log, and keeps every raw output as evidence.
import type { FindingView, HostScanDetail, HostPhase, PostureArea } from '../../../preload/contract';
import type { AreaDefinition } from '../areas/area-definition';
import { assessArea } from '../areas/assess-area';
import { remoteCommandLine, type CommandOutput, type HostCommand, type OutputBytes, type TargetOs } from '../collectors/host-command';
import { IDENTITY_COMMANDS, OS_PROBE, osFromUname } from '../collectors/identity/identity-commands';
import { identityFromOutputs } from '../collectors/identity/parse-identity';
import { errorMessage } from '../errors/error-message';
import { countBySeverity } from '../posture/severity-counts';
import { HostOutputBudget, mebibytes } from '../ssh/output-budget';
import { capText, CommandTimeoutError } from '../ssh/run-exec';
import { SshError } from '../ssh/ssh-error';
import { jumpRoute } from '../ssh/ssh-route';
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
  areas: AreaDefinition[];
  /** The area facts of this host's previous scan (for clocks carried across scans). */
  previousFacts: (host: string) => Promise<Partial<Record<PostureArea, unknown>>>;
  /** This host's output allowance (drawn from the scan's); unbounded but per command when absent. */
  budget?: HostOutputBudget;
  /** Per-command output cap; the transport's default when absent. */
  maxOutputBytes?: number;
}

/** A host's result, and the bytes of its outputs (same order) for the store; the bytes never go to a front end. */
export interface ScannedHost {
  detail: HostScanDetail;
  bytes: OutputBytes[];
}

interface RanCommand {
  output: CommandOutput;
  bytes: OutputBytes;
}

export async function scanHost(target: ScanTarget, context: ScanHostContext): Promise<ScannedHost> {
  const startedAt = context.now().toISOString();
  const outputs: CommandOutput[] = [];
  const bytes: OutputBytes[] = [];
  let findings: FindingView[] = [];
  let facts: Partial<Record<PostureArea, unknown>> = {};
  const finish = (phase: HostPhase, reason: string | null, detectedOs: TargetOs | null): ScannedHost => ({ detail: detailOf(phase, reason, detectedOs), bytes });
  const detailOf = (phase: HostPhase, reason: string | null, detectedOs: TargetOs | null): HostScanDetail => ({
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
    const ran = await runCommand(target, OS_PROBE, context);
    const probe = ran.output;
    outputs.push(probe);
    bytes.push(ran.bytes);
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
  const commands = [...IDENTITY_COMMANDS[os], ...context.areas.flatMap((area) => [...area.commands[os], ...(area.hostCommands?.(os, target.policy) ?? [])])];
  // Areas share some commands (os-release, uname -r): each distinct line runs once.
  const runs = new Map<string, Promise<RanCommand>>();
  const lostConnection: CommandOutput[] = [];
  const ran = await Promise.all(
    commands.map(async (command) => {
      const line = remoteCommandLine(command, target.useSudo);
      const key = `${command.onBastion ? 'bastion' : 'host'} ${line}`;
      let run = runs.get(key);
      if (!run) runs.set(key, (run = runCommand(target, command, context, (output) => lostConnection.push(output))));
      const { output, bytes: outputBytes } = await run;
      return { output: { ...output, id: command.id }, bytes: outputBytes };
    }),
  );
  const results = ran.map((each) => each.output);
  outputs.push(...results);
  bytes.push(...ran.map((each) => each.bytes));
  if (context.signal.aborted) return finish('cancelled', 'scan cancelled', os);
  // A host that sent more than its share is judged on nothing: what it sent is kept as evidence.
  if (context.budget?.cut) {
    const cut = results.filter((output) => output.truncated).length;
    const notRun = results.filter((output) => output.exitCode === null && !output.truncated).length;
    return finish(
      'failed',
      `sent more than ${capText({ cap: context.budget.cut, capBytes: context.budget.capBytes, keptBytes: 0 })} (${mebibytes(context.budget.usedBytes)} kept as evidence); ` +
        `${cut} output(s) cut, ${notRun} command(s) not run or not finished; nothing was judged from it`,
      os,
    );
  }
  // Whether the host answered is judged on its own commands: the bastion answering transport probes for it says nothing about the host.
  const fromHost = results.filter((_, index) => !commands[index]!.onBastion);
  const connectionFailure = fromHost.find((output) => output.error !== null && output.exitCode === null);
  if (connectionFailure && fromHost.every((output) => output.exitCode === null)) {
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
  if (done.detail.identity && (done.detail.identity.osName === null || done.detail.identity.kernel === null)) {
    return { ...done, detail: { ...done.detail, reason: 'answered, but its identity output was not understood (kept as evidence)' } };
  }
  return done;
}

function assess(target: ScanTarget, os: TargetOs, outputs: CommandOutput[], context: ScanHostContext, previous: Partial<Record<PostureArea, unknown>>) {
  const now = context.now();
  const facts: Partial<Record<PostureArea, unknown>> = {};
  const findings: FindingView[] = [];
  const hostContext = { host: target.name, dc: target.dc, siteRole: target.siteRole, os, policy: target.policy, now };
  for (const area of context.areas) {
    const assessed = assessArea(area, os, outputs, previous[area.area], hostContext);
    if (assessed.facts !== undefined) facts[area.area] = assessed.facts;
    findings.push(...assessed.findings);
  }
  return { facts, findings };
}

const NO_BYTES: OutputBytes = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };

async function runCommand(target: ScanTarget, command: HostCommand, context: ScanHostContext, onConnectionLost?: (output: CommandOutput) => void): Promise<RanCommand> {
  const line = remoteCommandLine(command, target.useSudo);
  const base = { id: command.id, command: line };
  const notRun = (error: string): RanCommand => ({ output: { ...base, stdout: '', stderr: '', exitCode: null, durationMs: 0, error }, bytes: NO_BYTES });
  if (context.signal.aborted) return notRun('scan cancelled');
  // Transport probes run where a client on the network stands: the site's bastion, never the workstation.
  const route = command.onBastion ? jumpRoute(target.route) : target.route;
  if (!route) return notRun(`not run: ${target.name} has no bastion in front of it, and transport probes never run from the workstation`);
  const cutBy = context.budget?.cut;
  if (cutBy) return notRun(`not run: the host already sent more than ${capText({ cap: cutBy, capBytes: context.budget!.capBytes, keptBytes: 0 })}`);
  const auditHost = command.onBastion ? `${route.target.label} (for ${target.name})` : target.name;
  let startSeq: number;
  try {
    startSeq = await context.audit.commandStarted({ runId: context.runId, host: auditHost, dc: target.dc, address: route.target.address, command: line });
  } catch (error) {
    return notRun(`not run: the audit log could not record it (${errorMessage(error)})`);
  }
  const started = Date.now();
  let output: CommandOutput;
  let outputBytes: OutputBytes = NO_BYTES;
  let signalName: string | null = null;
  try {
    const result = await context.executor.exec(route, line, {
      timeoutMs: command.timeoutMs ?? context.commandTimeoutMs,
      signal: context.signal,
      budget: context.budget,
      maxOutputBytes: context.maxOutputBytes,
    });
    signalName = result.signal;
    outputBytes = result.raw ?? { stdout: Buffer.from(result.stdout, 'utf8'), stderr: Buffer.from(result.stderr, 'utf8') };
    const truncated = result.truncated ?? null;
    output = {
      ...base,
      stdout: result.stdout,
      stderr: result.stderr,
      stdoutBytes: outputBytes.stdout.length,
      stderrBytes: outputBytes.stderr.length,
      // A cut output is never parsed as if it were complete: no exit status, and an error that says why.
      exitCode: truncated ? null : result.exitCode,
      durationMs: result.durationMs,
      error: truncated ? `output cut at ${capText(truncated)}: the first ${truncated.keptBytes} bytes are kept as evidence; not judged` : null,
      truncated,
    };
  } catch (error) {
    if (error instanceof CommandTimeoutError) outputBytes = error.partial;
    output = { ...base, ...decoded(outputBytes), exitCode: null, durationMs: Date.now() - started, error: errorMessage(error), truncated: null };
    // A hung command (timeout) or a refused channel concerns only that command; this means the connection is gone.
    if (error instanceof SshError && error.code === 'connection-lost') onConnectionLost?.(output);
  }
  await context.audit
    .commandEnded(startSeq, {
      host: auditHost,
      exitCode: output.exitCode,
      signal: signalName,
      error: output.error,
      stdout: outputBytes.stdout,
      stderr: outputBytes.stderr,
      durationMs: output.durationMs,
      truncated: output.truncated ?? null,
    })
    .catch((error: unknown) => {
      output.error = output.error ?? `ran, but the audit log could not record its end (${errorMessage(error)})`;
    });
  return { output, bytes: outputBytes };
}

/** The text parsers and screens read: the bytes as UTF-8 (invalid sequences shown as U+FFFD; the bytes stay exact). */
function decoded(bytes: OutputBytes): Pick<CommandOutput, 'stdout' | 'stderr' | 'stdoutBytes' | 'stderrBytes'> {
  return { stdout: bytes.stdout.toString('utf8'), stderr: bytes.stderr.toString('utf8'), stdoutBytes: bytes.stdout.length, stderrBytes: bytes.stderr.length };
}
