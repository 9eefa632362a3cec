// A bridge session whose one host answers with a generated firewall of N
// rules (tests/support/firewall-ruleset-generator.ts), scanned through the
// engine's own pipeline (commands → facts → findings → store) with a fake
// executor in place of SSH: how the rules table is measured at 50,000 rules.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanFinishedEvent } from '../../preload/contract';
import { FIREWALL_COMMANDS } from '../../main/engine/collectors/firewall/firewall-commands';
import { remoteCommandLine } from '../../main/engine/collectors/host-command';
import { IDENTITY_COMMANDS } from '../../main/engine/collectors/identity/identity-commands';
import type { CommandExecutor, ExecOutcome } from '../../main/engine/scan/command-executor';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { startBridgeSession, type BridgeSession } from './bridge-session';
import { generateFirewallRuleset, type GeneratedRuleset } from './firewall-ruleset-generator';

export const BIG_HOST = 'edge1.nj';

const INVENTORY = `datacentres:
  - { id: nj, name: "Bridgewater, NJ", role: primary }
  - { id: sea, name: "Seattle, WA", role: secondary }
defaults: { user: ops, sudo: true }
roles:
  edge:
    allowed_ports:
      - { proto: tcp, port: 22, from: [10.0.0.0/8] }
      - { proto: tcp, port: 80, from: [any] }
      - { proto: tcp, port: 443, from: [any] }
hosts:
  - { name: ${BIG_HOST}, address: 192.0.2.10, os: debian, dc: nj, roles: [edge] }
`;

function answers(generated: GeneratedRuleset): Map<string, string> {
  const byId: Record<string, string> = {
    'identity.hostname': 'edge1\n',
    'identity.os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n',
    'identity.kernel': '6.1.0-28-amd64\n',
    'identity.uptime': '86400.00 80000.00\n',
    'firewall.nft-json': generated.nftJson,
    'firewall.iptables-save': '',
    'firewall.ip6tables-save': '',
    'firewall.ss-listeners': generated.ss,
  };
  const lines = new Map<string, string>();
  for (const command of [...IDENTITY_COMMANDS.debian, ...FIREWALL_COMMANDS.debian]) {
    const stdout = byId[command.id];
    if (stdout !== undefined) lines.set(remoteCommandLine(command, true), stdout);
  }
  return lines;
}

/** Answers the identity and firewall commands; every other area's tool is "not found" (exit 127). */
function generatedExecutor(generated: GeneratedRuleset): CommandExecutor {
  const lines = answers(generated);
  return {
    exec: async (_route, command): Promise<ExecOutcome> => {
      const stdout = lines.get(command);
      return stdout === undefined
        ? { stdout: '', stderr: `sh: 1: ${command.split(' ').at(-1)}: not found\n`, exitCode: 127, signal: null, durationMs: 1 }
        : { stdout, stderr: '', exitCode: 0, signal: null, durationMs: 1 };
    },
  };
}

export interface BigRulesetSession {
  session: BridgeSession;
  host: string;
  generated: GeneratedRuleset;
  close(): Promise<void>;
}

/** Starts the session and scans the host; resolves when the scan (and its store write) has finished. */
export async function startBigRulesetSession(ruleCount: number): Promise<BigRulesetSession> {
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-big-ruleset-'));
  const inventoryPath = join(dir, 'inventory.yaml');
  await writeFile(inventoryPath, INVENTORY);
  const generated = generateFirewallRuleset(ruleCount);
  const session = await startBridgeSession({ inventoryPath, executor: generatedExecutor(generated), userKnownHostsPath: null, secrets: new MemorySecretStore() });
  try {
    const finished = new Promise<ScanFinishedEvent>((resolve) =>
      session.engine.events.subscribe((name, payload) => {
        if (name === 'scan:finished') resolve(payload as ScanFinishedEvent);
      }),
    );
    await session.engine.handlers['scan.start']({ scope: { kind: 'fleet' } });
    const outcome = await finished;
    if (outcome.ok !== 1) throw new Error(`the scan of ${BIG_HOST} did not answer (${JSON.stringify(outcome)})`);
  } catch (error) {
    await session.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    session,
    host: BIG_HOST,
    generated,
    close: async () => {
      await session.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
