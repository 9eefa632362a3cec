// The firewall templates in the demo's source are what the real nft and
// iptables-save print: re-capture them in throw-away network namespaces and
// compare byte for byte. Needs root, nft, iptables and `ip netns`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = 'main/engine/demo-fleet/profiles/firewall/capture-firewall-templates.sh';
const canCapture =
  process.getuid?.() === 0 &&
  ['nft', 'iptables-save', 'ip'].every((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`]);
      return true;
    } catch {
      return false;
    }
  });

describe.skipIf(!canCapture)('captured firewall templates', () => {
  it('match a fresh capture from the real tools', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsdeck-demo-capture-'));
    try {
      const out = join(dir, 'captured.ts');
      execFileSync('sh', [SCRIPT, out], { stdio: 'pipe', timeout: 60_000 });
      expect(readFileSync(out, 'utf8')).toBe(readFileSync('main/engine/demo-fleet/profiles/firewall/captured-firewall-outputs.ts', 'utf8'));
      expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).not.toContain('opsdeck-demo-cap');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
