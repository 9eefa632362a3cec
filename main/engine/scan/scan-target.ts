// One host as the scan engine needs it: where it is, how to reach it, and
// which checks apply. Built from the inventory; plain data.
import type { HostOs } from '../../../preload/contract';
import type { HostPolicy } from '../posture/host-context';
import type { SshRoute } from '../ssh/ssh-route';

export interface ScanTarget {
  name: string;
  dc: string;
  address: string;
  os: HostOs;
  roles: string[];
  useSudo: boolean;
  siteRole: 'primary' | 'secondary';
  policy: HostPolicy;
  route: SshRoute;
}
