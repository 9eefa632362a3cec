// Runs the opsdeck CLI in-process with captured output.
import { runCli } from '../../main/cli/run-cli';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import type { SecretStore } from '../../main/engine/secrets/secret-store';

/** The keychain of in-process CLI runs: one per test file, never the developer's own. */
const testKeychain = new MemorySecretStore();

export async function runOpsdeck(args: string[], env: Record<string, string | undefined> = {}, secrets: SecretStore = testKeychain): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { HOME: process.env.HOME, ...env },
    secrets,
  });
  return { code, stdout, stderr };
}
