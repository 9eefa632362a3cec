// Every host's patch level graded against its SLA: state, security and other
// pending updates, how long the oldest security update has been pending and
// the SLA it is held to, reboot, kernel or platform image, package index age.
import type { PatchCompliance } from './patch-compliance';
import { GRADE_LABELS } from './patch-compliance';
import type { HostPatches } from './patch-view';
import { routeHref } from '../../app/routes';
import { durationText } from '../../components/date-text';
import { TimeText } from '../../components/TimeText';
import { SpacerRow, useWindowedTable } from '../../components/use-virtual-rows';

const GRADE_CLASS = { behind: 'badge-failed', 'within-sla': 'badge-queued', 'up-to-date': 'badge-done', unknown: 'badge-none' } as const;

const COLUMNS = 9;

export function HostPatchTable({ rows }: { rows: { host: HostPatches; compliance: PatchCompliance }[] }) {
  const { windowed, scroller, indices, before, after, measureRow } = useWindowedTable(rows.length, 26);
  return (
    <div
      className={windowed ? 'wide-scroll table-window' : 'wide-scroll'}
      ref={scroller}
      {...(windowed ? { tabIndex: 0, role: 'region', 'aria-label': `Patch level of ${rows.length} hosts, scrollable` } : {})}
    >
      <table className="grid patch-hosts" data-testid="patch-hosts">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">State</th>
            <th scope="col">Security pending</th>
            <th scope="col">Other pending</th>
            <th scope="col">Pending for</th>
            <th scope="col">SLA</th>
            <th scope="col">Reboot</th>
            <th scope="col">Kernel / platform</th>
            <th scope="col">Index age</th>
          </tr>
        </thead>
        <tbody>
          <SpacerRow height={before} columns={COLUMNS} />
          {indices.map((index) => {
            const {
              host: { host, facts },
              compliance,
            } = rows[index]!;
            return (
              <tr key={host} data-host={host} data-index={index} ref={measureRow}>
                <th scope="row" className="mono">
                  <a href={routeHref({ page: 'host', name: host })}>{host}</a>
                </th>
                <td>
                  <span className={`badge ${GRADE_CLASS[compliance.grade]}`} data-testid="patch-grade">
                    {GRADE_LABELS[compliance.grade]}
                  </span>
                  {compliance.grade === 'behind' && <div className="muted">{compliance.overdue} security update(s) past the SLA</div>}
                  {compliance.grade === 'unknown' && <div className="muted">{facts.upToDateReason}</div>}
                </td>
                <td>{compliance.securityPending}</td>
                <td>{compliance.otherPending}</td>
                <td className="nowrap">
                  {compliance.pendingForHours === null ? (
                    '—'
                  ) : (
                    <>
                      {durationText(compliance.pendingForHours)}
                      <div className="muted small">
                        since <TimeText iso={compliance.oldestSecuritySince} />
                      </div>
                    </>
                  )}
                </td>
                <td className="nowrap">{durationText(compliance.slaHours)}</td>
                <td>{facts.reboot.needed === true ? `needed: ${facts.reboot.reasons.map((r) => r.detail).join('; ')}` : facts.reboot.needed === 'unknown' ? 'unknown' : 'no'}</td>
                <td className="mono">
                  {facts.kernelOrPlatform ?? '—'}
                  {facts.kernelOrPlatformAgeDays !== null && <span className="muted"> ({facts.kernelOrPlatformAgeDays} d)</span>}
                </td>
                <td className="nowrap">{facts.packageIndex.ageHours === null ? 'unknown' : durationText(facts.packageIndex.ageHours)}</td>
              </tr>
            );
          })}
          <SpacerRow height={after} columns={COLUMNS} />
        </tbody>
      </table>
    </div>
  );
}
