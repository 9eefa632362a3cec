// One writer per audit log: two processes appending to the same chain would
// each attach to a stale head and break it. A `<log>.lock` file holds the
// writer's pid; a lock left by a killed process (pid no longer running) is
// taken over.
import { open, readFile, unlink } from 'node:fs/promises';
import { AuditLogBusyError } from './audit-log-errors';

export interface AuditLogLock {
  release(): Promise<void>;
}

export async function acquireAuditLogLock(logPath: string): Promise<AuditLogLock> {
  const lockPath = `${logPath}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const file = await open(lockPath, 'wx', 0o600);
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      return { release: () => unlink(lockPath).catch(() => undefined) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isSafeInteger(holder) && holder > 0 && isRunning(holder)) throw new AuditLogBusyError(logPath, holder);
    await unlink(lockPath).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
