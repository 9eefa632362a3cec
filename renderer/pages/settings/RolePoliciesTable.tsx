// The roles' policies from the inventory, readable: which ports each role may
// expose and to whom, its patch SLA, backup RPO, restore-test age and drill
// cadence. Reloaded when the fleet changes.
import { useEngineQuery } from '../../api/useEngineQuery';
import { EngineErrorNote } from '../../components/EngineErrorNote';
import { durationText } from '../../components/date-text';

export function RolePoliciesTable() {
  const { value: policies, error } = useEngineQuery((api) => api.fleet.policies({}), { reloadOn: ['fleet:changed'] });
  return (
    <section aria-labelledby="role-policies">
      <h2 id="role-policies">Role policies</h2>
      <EngineErrorNote error={error} />
      {policies && policies.length === 0 && <p className="muted">The inventory defines no roles.</p>}
      {policies && policies.length > 0 && (
        <div className="wide-scroll">
          <table className="grid role-policies" data-testid="role-policies">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Hosts</th>
                <th scope="col">Allowed ports (from)</th>
                <th scope="col">Security updates within</th>
                <th scope="col">Backup RPO</th>
                <th scope="col">Restore test at least every</th>
                <th scope="col">DR drill every</th>
              </tr>
            </thead>
            <tbody>
              {policies.map((policy) => (
                <tr key={policy.role} data-role={policy.role}>
                  <th scope="row">{policy.role}</th>
                  <td>{policy.hosts}</td>
                  <td>
                    {policy.allowedPorts.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      <ul className="port-list">
                        {policy.allowedPorts.map((rule) => (
                          <li key={`${rule.proto}/${rule.ports}/${rule.from.join(',')}`} className="mono">
                            {rule.proto}/{rule.ports} <span className="muted">from</span> {rule.from.join(', ')}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{durationText(policy.patchSlaHours)}</td>
                  <td>{durationText(policy.backupRpoHours)}</td>
                  <td>{policy.restoreTestMaxAgeDays} d</td>
                  <td>{policy.drillCadenceDays} d</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
