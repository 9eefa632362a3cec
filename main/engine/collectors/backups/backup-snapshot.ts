// A snapshot (restic) or archive (borg) as OpsDeck keeps it: plain data.
export interface BackupSnapshot {
  id: string;
  /** ISO UTC. */
  time: string;
  /** The tool gives the time to the whole second (borg 1.2): the backup began somewhere within that second. */
  timeToTheSecond?: true;
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
