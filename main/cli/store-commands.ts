// `opsdeck store init|migrate|add-member|copy`: what a team store's owner
// runs. The URL is a positional argument (or --store / OPSDECK_STORE_URL); it
// is printed without its password.
import { addMemberToTeamStore, initTeamStore, migrateTeamStore, type TeamMember } from '../engine/store/team-store-admin';
import { ROLE_NAMES } from '../engine/store/team-store-roles';
import { TeamStoreError } from '../engine/store/team-store-error';
import { errorMessage } from '../engine/errors/error-message';
import { openCopyEnd, type CopyEnd } from '../engine/store/copy-end';
import { copyStore } from '../engine/store/store-copy';
import type { CliArgs } from './cli-args';
import { defaultDataDir } from './data-dir';
import { UsageError, type CliCommand, type CliIo } from './cli-io';

const ROLE_OPTIONS = { '--viewer': 'viewer', '--operator': 'operator', '--drill-lead': 'drill-lead' } as const;

const ROLE_OPTION_NAMES = Object.keys(ROLE_OPTIONS);

function storeUrlFrom(args: CliArgs, io: CliIo): string {
  const [url, ...extra] = args.positionals();
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  const chosen = url ?? io.env.OPSDECK_STORE_URL;
  if (!chosen) throw new UsageError('name the team store: a URL such as postgresql://owner@db.example:5432/opsdeck (or set OPSDECK_STORE_URL)');
  return chosen;
}

/** Admin work over a connection: its failures are the operator's setup, said in words (exit 2). */
async function asStoreWork<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof TeamStoreError ? error : new TeamStoreError(errorMessage(error), { cause: error });
  }
}

function membersFrom(args: CliArgs): TeamMember[] {
  return args.all(ROLE_OPTION_NAMES).map(({ name, value }) => ({ login: value, role: ROLE_OPTIONS[name as keyof typeof ROLE_OPTIONS] }));
}

export const storeInitCommand: CliCommand = {
  name: 'store init',
  summary: 'make an empty PostgreSQL database a team store: schema, the roles viewer/operator/drill-lead and their grants, members',
  usage: 'opsdeck store init URL [--viewer LOGIN]… [--operator LOGIN]… [--drill-lead LOGIN]…   (run as the database owner)',
  accepts: { values: ROLE_OPTION_NAMES },
  async run(args, io) {
    const url = storeUrlFrom(args, io);
    const members = membersFrom(args);
    const outcome = await asStoreWork(() => initTeamStore(url, members));
    io.stdout.write(`team store ${outcome.where}: schema version ${outcome.to}${outcome.applied.length ? ` (applied ${outcome.applied.join(', ')})` : ' (already up to date)'}\n`);
    io.stdout.write(
      `roles: ${Object.entries(ROLE_NAMES)
        .map(([role, name]) => `${role} = ${name}`)
        .join(', ')}\n`,
    );
    for (const member of members) io.stdout.write(`member ${member.login}: ${member.role}\n`);
    return 0;
  },
};

export const storeMigrateCommand: CliCommand = {
  name: 'store migrate',
  summary: "upgrade a team store to this OpsDeck's schema (a workstation never does it by itself)",
  usage: 'opsdeck store migrate URL   (run as the database owner)',
  accepts: {},
  async run(args, io) {
    const outcome = await asStoreWork(() => migrateTeamStore(storeUrlFrom(args, io)));
    io.stdout.write(
      outcome.applied.length === 0
        ? `team store ${outcome.where}: already at schema version ${outcome.to}\n`
        : `team store ${outcome.where}: schema version ${outcome.from} → ${outcome.to} (applied ${outcome.applied.join(', ')})\n`,
    );
    return 0;
  },
};

export const storeAddMemberCommand: CliCommand = {
  name: 'store add-member',
  summary: 'give a PostgreSQL login a team role (viewer, operator or drill-lead)',
  usage: 'opsdeck store add-member URL LOGIN --role viewer|operator|drill-lead',
  accepts: { values: ['--role'] },
  async run(args, io) {
    const role = args.value('--role');
    if (role !== 'viewer' && role !== 'operator' && role !== 'drill-lead') throw new UsageError(`--role must be viewer, operator or drill-lead${role ? `, not "${role}"` : ''}`);
    const [url, login, ...extra] = args.positionals();
    if (!url || !login || extra.length > 0) throw new UsageError('give the team store URL and one login name');
    await asStoreWork(() => addMemberToTeamStore(url, { login, role }));
    io.stdout.write(`member ${login}: ${role}\n`);
    return 0;
  },
};

export const storeCopyCommand: CliCommand = {
  name: 'store copy',
  summary: "copy a store's history into another (an embedded store into the team store); run twice, nothing is doubled",
  usage: 'opsdeck store copy [--from DIR|URL] --to URL|DIR   (--from defaults to this data folder; a team store as its owner)',
  accepts: { values: ['--from', '--to', '--data-dir'] },
  async run(args, io) {
    if (args.positionals().length > 0) throw new UsageError(`unexpected ${args.positionals().join(' ')}`);
    const to = args.value('--to');
    if (!to) throw new UsageError('name the store to copy into: --to postgresql://owner@db.example:5432/opsdeck (or a data folder)');
    const fromText = args.value('--from') ?? args.value('--data-dir') ?? defaultDataDir(io.env);
    const opened: CopyEnd[] = [];
    try {
      const from = await asStoreWork(() => openCopyEnd(fromText, 'from'));
      opened.push(from);
      const into = await asStoreWork(() => openCopyEnd(to, 'to'));
      opened.push(into);
      if (from.where === into.where) throw new UsageError(`--from and --to are the same store (${from.where})`);
      io.stdout.write(`copying ${from.where} → ${into.where}\n`);
      const copies = await asStoreWork(() =>
        copyStore(from.sql, into.sql, (copy) => io.stdout.write(`  ${copy.table}: ${copy.read} read, ${copy.added} added, ${copy.read - copy.added} already there\n`)),
      );
      const added = copies.reduce((sum, copy) => sum + copy.added, 0);
      io.stdout.write(added === 0 ? 'nothing to add: the target already holds all of it\n' : `${added} rows added\n`);
      return 0;
    } finally {
      for (const end of opened.reverse()) await end.close().catch(() => {});
    }
  },
};

export const STORE_COMMANDS: CliCommand[] = [storeInitCommand, storeMigrateCommand, storeAddMemberCommand, storeCopyCommand];
