// Runs the opsdeck CLI in-process with captured output.
import { runCli } from '../../main/cli/run-cli';
import type { SecretStore } from '../../main/engine/secrets/secret-store';

export async function runOpsdeck(
  args: string[],
  env: Record<string, string | undefined> = {},
  secrets?: SecretStore,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { HOME: process.env.HOME, ...env },
    ...(secrets ? { secrets } : {}),
  });
  return { code, stdout, stderr };
}
