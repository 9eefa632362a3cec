// How every area builds a finding: a stable id (`<area>.<kind>:<host>`, plus a
// qualifier where one host can have several of a kind, so history can follow
// one problem across scans), deduplicated command ids and an excerpt bounded
// to what a reader can take in.
import type { PostureArea } from '../../../preload/contract';
import type { ControlId, Finding, Severity } from './finding';

export const MAX_EXCERPT_LINES = 12;

export interface AreaFindingInput {
  area: PostureArea;
  kind: string;
  host: string;
  dc: string;
  control: ControlId;
  severity: Severity;
  title: string;
  detail: string;
  commandIds: string[];
  excerpt: string[];
  /** Distinguishes several findings of one kind on one host (a port, a zone). */
  qualifier?: string;
}

export function areaFindingId(area: PostureArea, kind: string, host: string, qualifier?: string): string {
  return `${area}.${kind}:${host}${qualifier ? `:${qualifier}` : ''}`;
}

export function areaFinding(input: AreaFindingInput): Finding {
  return {
    id: areaFindingId(input.area, input.kind, input.host, input.qualifier),
    host: input.host,
    dc: input.dc,
    area: input.area,
    control: input.control,
    severity: input.severity,
    title: input.title,
    detail: input.detail,
    evidence: { commandIds: [...new Set(input.commandIds)], excerpt: boundedExcerpt(input.excerpt) },
  };
}

export function boundedExcerpt(lines: string[]): string[] {
  if (lines.length <= MAX_EXCERPT_LINES) return lines;
  return [...lines.slice(0, MAX_EXCERPT_LINES - 1), `… ${lines.length - MAX_EXCERPT_LINES + 1} more`];
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
