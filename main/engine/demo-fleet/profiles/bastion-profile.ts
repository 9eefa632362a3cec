// The few commands a bastion answers (it is a Debian 12 jump host; OpsDeck
// does not scan it, but an operator may check which bastion they reached).
import type { DemoDatacentreSpec, DemoHostSpec } from '../demo-fleet-spec';
import { demoTlsAnswer } from './transport/tls-answers';
import { answer } from './command-answer';
import { OS_RELEASE } from './debian/debian-releases';
import { profileFromTable, type AnswerProducer, type HostProfile, type ToolFallback } from './host-profile';

export function bastionProfile(dc: DemoDatacentreSpec, siteHosts: DemoHostSpec[] = []): HostProfile {
  // Transport probes (openssl s_client under timeout) reach the mail services of its own site's hosts, by internal address.
  const hostsByAddress = new Map(siteHosts.filter((host) => host.dc === dc.id).map((host) => [host.address, host]));
  const text =
    (value: string): AnswerProducer =>
    () =>
      answer(value);
  const exact = new Map<string, AnswerProducer>([
    ['hostname', text(`${dc.bastionName}\n`)],
    ['uname -s', text('Linux\n')],
    ['uname -r', text('6.1.0-56-amd64\n')],
    ['cat /etc/os-release', text(OS_RELEASE.bookworm)],
    ['cat /etc/debian_version', text('12.15\n')],
  ]);
  return profileFromTable({
    os: 'debian',
    hostName: dc.bastionName,
    exact,
    tools: new Map<string, ToolFallback | null>([
      ['hostname', null],
      ['uname', null],
      ['cat', null],
      ['timeout', (args) => demoTlsAnswer(`timeout ${args.join(' ')}`, hostsByAddress) ?? answer('', 'timeout: unexpected invocation on the demo bastion\n', 125)],
    ]),
    sudoNeedsPassword: false,
  });
}
