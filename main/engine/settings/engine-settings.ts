// The operator's settings that outlive a session: which inventory file to
// use, the display name written into the audit log, how long scan history is kept. A small JSON file
// in the data folder, replaced atomically (write then rename).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { readBoundedText } from '../inventory/read-bounded-file';
import { errorMessage } from '../errors/error-message';
import { DEFAULT_RETENTION_DAYS } from '../store/scan-retention';

const settingsSchema = z.object({
  inventoryPath: z.string().min(1).nullable().default(null),
  operatorDisplayName: z.string().max(200).nullable().default(null),
  /** Scan history and raw outputs older than this are deleted (scan-retention.ts says what is always kept). */
  retentionDays: z.number().int().min(30).max(36_500).default(DEFAULT_RETENTION_DAYS),
  /** A team store's PostgreSQL URL; null: the embedded store. Never with a password (that goes in ~/.pgpass or PGPASSWORD). */
  storeUrl: z
    .string()
    .max(2000)
    .regex(/^postgres(ql)?:\/\//, 'a team store URL starts with postgresql://')
    .refine((url) => !/^[a-z]+:\/\/[^@/]*:[^@/]*@/i.test(url), 'the team store URL holds a password: keep it in ~/.pgpass or PGPASSWORD, not in settings')
    .nullable()
    .default(null),
});
export type EngineSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: EngineSettings = { inventoryPath: null, operatorDisplayName: null, retentionDays: DEFAULT_RETENTION_DAYS, storeUrl: null };

export function settingsPath(dataDir: string): string {
  return join(dataDir, 'settings.json');
}

/** Missing file → defaults. A corrupt file is an error naming it, never silently reset. */
export async function readSettings(dataDir: string): Promise<EngineSettings> {
  const path = settingsPath(dataDir);
  let text: string;
  try {
    text = await readBoundedText(path, 1024 * 1024);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_SETTINGS };
    throw new Error(`cannot read settings ${path}: ${errorMessage(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`settings file ${path} is not valid JSON; fix or remove it`);
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) throw new Error(`settings file ${path}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export async function writeSettings(dataDir: string, settings: EngineSettings): Promise<void> {
  const path = settingsPath(dataDir);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
