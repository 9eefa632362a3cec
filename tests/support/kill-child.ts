// Runs a child `node` process and kills it with SIGKILL at a moment chosen
// from what it prints, for the tests proving that what was committed before a
// kill -9 survives it.
import { spawn } from 'node:child_process';
import { basename } from 'node:path';

/**
 * Runs `node script ...args`; kills it with SIGKILL once `killWhen` is true of
 * the whole lines it has written to `watch` so far, and returns those lines.
 * Rejects, with its stderr, when it exits in any other way.
 */
export async function runUntilKilled(script: string, args: string[], killWhen: (lines: string[]) => boolean, watch: 'stdout' | 'stderr' = 'stdout'): Promise<string[]> {
  const proc = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() });
  const lines: string[] = [];
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Drained when not watched, so that a full pipe never stalls the child.
  if (watch === 'stderr') proc.stdout.resume();
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    proc[watch].on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
      if (killWhen(lines) && proc.exitCode === null) proc.kill('SIGKILL');
    });
    proc.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`${basename(script)} ${args.join(' ')} exited ${code} before it was killed: ${stderr}`))));
  });
  return lines;
}
