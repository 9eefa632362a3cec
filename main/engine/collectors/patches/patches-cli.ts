// `opsdeck parse patches --format apt-sim|needrestart|piadm|pkg-audit [FILE|-]`:
// one saved output in, the parser's result out as plain JSON, with a short
// summary an operator can read at a glance. The text is taken as the
// command's stdout with exit status 0 (pkg_admin audit's exit 1 for
// "vulnerable" is not needed: its lines say so).
import { cliResult, isCliFormat, type ParseCliResult } from '../parse-cli-result';
import type { Parsed } from '../parse-result';
import { parseAptSimulation } from './apt-simulation';
import { parseNeedrestartBatch } from './needrestart';
import { parsePiadmList } from './piadm-list';
import { parsePkgAdminAudit } from './pkg-audit';

export const PATCHES_CLI_FORMATS = ['apt-sim', 'needrestart', 'piadm', 'pkg-audit'] as const;
export type PatchesCliFormat = (typeof PATCHES_CLI_FORMATS)[number];

export type PatchesCliResult = ParseCliResult<PatchesCliFormat>;

export function isPatchesCliFormat(text: string): text is PatchesCliFormat {
  return isCliFormat(PATCHES_CLI_FORMATS, text);
}

export function parsePatchesForCli(format: PatchesCliFormat, text: string): PatchesCliResult {
  switch (format) {
    case 'apt-sim': {
      const parsed = parseAptSimulation(text, '', 0);
      const installs = parsed.value?.installs ?? [];
      return result(format, parsed, {
        updates: installs.length,
        security: installs.filter((install) => install.security).length,
        newPackages: installs.filter((install) => install.installed === null).length,
        removals: parsed.value?.removals.length ?? 0,
        keptBack: parsed.value?.keptBack.length ?? 0,
        asRoot: parsed.value?.asRoot ?? null,
      });
    }
    case 'needrestart': {
      const parsed = parseNeedrestartBatch(text, '', 0);
      const kernel = parsed.value?.kernel ?? null;
      return result(format, parsed, {
        kernelStatus: kernel?.status ?? null,
        runningKernel: kernel?.current ?? null,
        newestKernel: kernel?.expected ?? null,
        // KSTA 0 (needrestart could not tell) is unknown, not "no".
        rebootNeeded: kernel && kernel.status !== 'unknown' ? kernel.status === 'version-upgrade' || kernel.status === 'abi-compatible-upgrade' : null,
        services: parsed.value?.services.length ?? 0,
      });
    }
    case 'piadm': {
      const parsed = parsePiadmList(text, '', 0);
      const running = parsed.value?.running ?? null;
      const next = parsed.value?.next ?? null;
      return result(format, parsed, { images: parsed.value?.images.length ?? 0, running, next, rebootPending: running !== null && next !== null ? running !== next : null });
    }
    case 'pkg-audit': {
      const parsed = parsePkgAdminAudit(text, '', 0);
      const entries = parsed.value?.vulnerabilities ?? [];
      return result(format, parsed, {
        advisories: entries.filter((entry) => !entry.endOfLife).length,
        packages: new Set(entries.filter((entry) => !entry.endOfLife).map((entry) => entry.package)).size,
        endOfLife: entries.filter((entry) => entry.endOfLife).length,
      });
    }
  }
}

function result(format: PatchesCliFormat, parsed: Parsed<unknown>, summary: PatchesCliResult['summary']): PatchesCliResult {
  return cliResult(format, parsed, summary, parsed.value);
}
