// `opsdeck store init|migrate|add-member`: what a team store's owner runs.
// The URL is a positional argument (or --store / OPSDECK_STORE_URL); it is
// printed without its password.
import { addMemberToTeamStore, initTeamStore, migrateTeamStore, type TeamMember } from '../engine/store/team-store-admin';
import { ROLE_NAMES } from '../engine/store/team-store-roles';
import { TeamStoreError } from '../engine/store/team-store-error';
import { errorMessage } from '../engine/errors/error-message';
import type { CliArgs } from './cli-args';
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

export const STORE_COMMANDS: CliCommand[] = [storeInitCommand, storeMigrateCommand, storeAddMemberCommand];
