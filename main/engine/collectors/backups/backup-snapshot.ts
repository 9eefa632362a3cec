// A snapshot (restic) or archive (borg) as OpsDeck keeps it: plain data.
export interface BackupSnapshot {
  id: string;
  /** ISO UTC. */
  time: string;
  paths: string[];
  tags: string[];
  hostname: string | null;
  /** borg: the archive's name, which `borg extract ::NAME` needs (borg 1.x cannot address an archive by id). */
  name?: string;
}

/** The result of one backup parser: a value only with state ok, or partially when data was dropped (then state is unparsed). */
export interface BackupParse<T> {
  state: 'ok' | 'unparsed';
  value: T | null;
  message: string | null;
}

export function unparsed<T>(message: string, value: T | null = null): BackupParse<T> {
  return { state: 'unparsed', value, message };
}
