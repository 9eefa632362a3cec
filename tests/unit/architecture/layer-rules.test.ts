// The layering rules of eslint.config.js, proven to fire: ESLint's own API
// lints one-line sources placed (in memory) at paths in each layer.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let eslint: ESLint;

// Loading the config and the TypeScript parser takes seconds on a busy machine; the cases then take milliseconds.
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  await eslint.lintText('export {};\n', { filePath: `${root}main/engine/warm-up.ts` });
}, 60_000);

/** The no-restricted-imports messages for `import ... from '<source>'` in a file at `path`. */
async function restrictions(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as imported from '${source}';\nexport const kept = imported;\n`, { filePath: `${root}${path}` });
  if (!result) throw new Error(`ESLint returned no result for ${path}`);
  const other = result.messages.filter((message) => message.ruleId !== 'no-restricted-imports');
  if (other.length > 0) throw new Error(`unexpected lint messages for ${path}: ${other.map((message) => message.message).join('; ')}`);
  return result.messages.map((message) => message.message);
}

const refused: [layer: string, path: string, source: string, reason: RegExp][] = [
  ['collectors', 'main/engine/collectors/firewall/probe.ts', '../../ssh/ssh-pool', /collectors are pure parsers: no posture, areas, scan, store or SSH/],
  ['collectors', 'main/engine/collectors/firewall/probe.ts', '../../posture/finding', /collectors are pure parsers/],
  ['collectors', 'main/engine/collectors/probe.ts', '../scan/scan-host', /collectors are pure parsers/],
  ['collectors', 'main/engine/collectors/patches/probe.ts', '../../store/scan-store', /collectors are pure parsers/],
  ['collectors', 'main/engine/collectors/patches/probe.ts', '../../areas/area-registry', /collectors are pure parsers/],
  ['collectors', 'main/engine/collectors/encryption/probe.ts', 'node:fs', /collectors are pure parsers: no Node modules/],
  ['collectors', 'main/engine/collectors/encryption/probe.ts', 'child_process', /collectors are pure parsers: no Node modules/],
  ['collectors', 'main/engine/collectors/encryption/probe.ts', 'electron', /never import electron/],
  ['posture', 'main/engine/posture/probe.ts', '../scan/scan-service', /posture judges facts/],
  ['posture', 'main/engine/posture/probe.ts', '../store/scan-store', /posture judges facts/],
  ['posture', 'main/engine/posture/probe.ts', '../ssh/ssh-pool', /posture judges facts/],
  ['posture', 'main/engine/posture/probe.ts', '../areas/area-registry', /posture judges facts/],
  ['store', 'main/engine/store/probe.ts', '../scan/scan-host', /the store keeps what the scan hands it/],
  ['engine', 'main/engine/fleet/probe.ts', '../../window/create-main-window', /never imports the window, the bridge or the IPC transport/],
  ['engine', 'main/engine/scan/probe.ts', '../../bridge/ws-bridge-server', /never imports the window, the bridge or the IPC transport/],
  ['engine', 'main/engine/probe.ts', '../ipc-transport', /never imports the window, the bridge or the IPC transport/],
  ['engine', 'main/engine/collectors/probe.ts', '../../ipc-transport', /never imports the window, the bridge or the IPC transport/],
  ['engine', 'main/engine/store/probe.ts', 'electron', /never import electron/],
  ['renderer', 'renderer/pages/probe.ts', '../../main/engine/posture/finding', /the renderer never imports the main process or engine/],
  ['renderer', 'renderer/pages/probe.ts', '../../preload/index', /the renderer imports only types from preload\/contract/],
  ['renderer', 'renderer/pages/probe.ts', 'node:fs', /the renderer is a browser page: no Node modules/],
];

const allowed: [layer: string, path: string, source: string][] = [
  ['collectors', 'main/engine/collectors/firewall/probe.ts', '../host-command'],
  ['collectors', 'main/engine/collectors/backups/probe.ts', '../../inventory/backup-policy-schema'],
  ['collectors', 'main/engine/collectors/identity/probe.ts', '../../../../preload/contract'],
  ['collectors', 'main/engine/collectors/access/probe.ts', 'node:crypto'],
  ['posture', 'main/engine/posture/probe.ts', '../collectors/firewall/firewall-facts'],
  ['store', 'main/engine/store/probe.ts', 'node:fs/promises'],
  ['store', 'main/engine/store/probe.ts', '../posture/severity-counts'],
  ['areas', 'main/engine/areas/probe.ts', '../posture/finding'],
  ['scan', 'main/engine/scan/probe.ts', '../store/host-history-query'],
  ['scan', 'main/engine/scan/probe.ts', 'node:crypto'],
  ['renderer', 'renderer/components/probe.ts', '../../preload/contract'],
  ['renderer', 'renderer/components/probe.ts', '../../preload/controls'],
];

describe('lint refuses an import that crosses a layer', () => {
  test.each(refused)('%s: %s importing %s', async (_layer, path, source, reason) => {
    const messages = await restrictions(path, source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(reason);
  });
});

describe('lint lets each layer import what lies below it', () => {
  test.each(allowed)('%s: %s importing %s', async (_layer, path, source) => {
    expect(await restrictions(path, source)).toEqual([]);
  });
});
