// The few commands a bastion answers (it is a Debian 12 jump host; OpsDeck
// does not scan it, but an operator may check which bastion they reached).
import type { DemoDatacentreSpec } from '../demo-fleet-spec';
import { answer } from './command-answer';
import { OS_RELEASE } from './debian/debian-releases';
import { profileFromTable, type AnswerProducer, type HostProfile } from './host-profile';

export function bastionProfile(dc: DemoDatacentreSpec): HostProfile {
  const text = (value: string): AnswerProducer => () => answer(value);
  const exact = new Map<string, AnswerProducer>([
    ['hostname', text(`${dc.bastionName}\n`)],
    ['uname -s', text('Linux\n')],
    ['uname -r', text('6.1.0-56-amd64\n')],
    ['cat /etc/os-release', text(OS_RELEASE.bookworm)],
    ['cat /etc/debian_version', text('12.15\n')],
  ]);
  return profileFromTable({ os: 'debian', hostName: dc.bastionName, exact, tools: new Map([['hostname', null], ['uname', null], ['cat', null]]), sudoNeedsPassword: false });
}
