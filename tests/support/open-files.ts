// Which processes hold a file open, read from /proc (Linux): for tests that
// check a stopped script left nothing running on a host's files.
import { readdirSync, readlinkSync } from 'node:fs';

/** The pids (of any user this process may inspect) with `path` open. */
export function openersOf(path: string): string[] {
  const openers: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readdirSync(`/proc/${pid}/fd`).some((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`) === path)) openers.push(pid);
    } catch {
      // The process ended meanwhile, or is not ours to inspect.
    }
  }
  return openers;
}
