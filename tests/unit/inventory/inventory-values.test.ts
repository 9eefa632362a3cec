// The small readers the inventory code is built from: jump host specs and the
// ssh arguments that carry them, shell-like word splitting, Ansible host
// ranges, port ranges and firewall sources.
import { describe, expect, test } from 'vitest';
import { expandHostPattern } from '../../../main/engine/inventory/ansible-host-pattern';
import { badSourceReason } from '../../../main/engine/inventory/cidr';
import { parsePortRange } from '../../../main/engine/inventory/port-range';
import { jumpFromProxyCommand, jumpsFromSshArguments, parseJumpList } from '../../../main/engine/inventory/proxy-jump-spec';
import { splitShellWords } from '../../../main/engine/inventory/shell-words';
import { unsafeSshWordReason } from '../../../main/engine/inventory/ssh-argument-safety';

describe('jump hosts', () => {
  test('reads a ProxyJump list with users, ports, URIs and bracketed IPv6', () => {
    expect(parseJumpList('ops@203.0.113.10:2222,10.2.0.2, ssh://admin@gw.example.net:22, [2001:db8::1]:2200, 2001:db8::2')).toEqual({
      ok: true,
      jumps: [
        { address: '203.0.113.10', user: 'ops', port: 2222 },
        { address: '10.2.0.2' },
        { address: 'gw.example.net', user: 'admin', port: 22 },
        { address: '2001:db8::1', port: 2200 },
        { address: '2001:db8::2' },
      ],
    });
    expect(parseJumpList('none')).toEqual({ ok: true, jumps: [] });
    expect(parseJumpList('ops@bastion:99999')).toEqual({ ok: false, reason: 'port "99999" in "ops@bastion:99999" is not 1-65535' });
    expect(parseJumpList('a,,b')).toEqual({ ok: false, reason: 'expected [user@]host[:port], got ""' });
  });

  test('finds the chain in ssh arguments: -J, -o ProxyJump=, -oProxyJump and ProxyCommand', () => {
    expect(jumpsFromSshArguments('-J ops@b1,b2:2222')).toEqual({
      jumps: [
        { address: 'b1', user: 'ops' },
        { address: 'b2', port: 2222 },
      ],
      problem: null,
    });
    expect(jumpsFromSshArguments('-o StrictHostKeyChecking=yes -o ProxyJump=ops@203.0.113.10:22')).toEqual({
      jumps: [{ address: '203.0.113.10', user: 'ops', port: 22 }],
      problem: null,
    });
    expect(jumpsFromSshArguments('-oProxyJump=b1')).toEqual({ jumps: [{ address: 'b1' }], problem: null });
    expect(jumpsFromSshArguments(`-o 'ProxyJump b1'`)).toEqual({ jumps: [{ address: 'b1' }], problem: null });
    expect(jumpsFromSshArguments(`-o ProxyCommand="ssh -W %h:%p -q ops@bastion -p 2222"`)).toEqual({
      jumps: [{ address: 'bastion', user: 'ops', port: 2222 }],
      problem: null,
    });
    expect(jumpsFromSshArguments('-o ForwardAgent=no')).toEqual({ jumps: null, problem: null });
  });

  test('reads the ProxyCommand forms that are a jump, and refuses the others', () => {
    expect(jumpFromProxyCommand('ssh -W %h:%p bastion')).toEqual({ address: 'bastion' });
    expect(jumpFromProxyCommand('/usr/bin/ssh -l ops -i ~/.ssh/b -W [%h]:%p -o Port=2200 bastion')).toEqual({ address: 'bastion', user: 'ops', port: 2200, identity: '~/.ssh/b' });
    expect(jumpFromProxyCommand('ssh -q ops@bastion nc %h %p')).toEqual({ address: 'bastion', user: 'ops' });
    expect(jumpFromProxyCommand('nc -X connect -x proxy:3128 %h %p')).toBe('ProxyCommand "nc -X connect -x proxy:3128 %h %p" is not "ssh -W %h:%p [user@]bastion"; use ProxyJump instead');
    expect(jumpFromProxyCommand('ssh -W %h:%p bastion rm -rf /')).toMatch(/^ProxyCommand .* is not "ssh -W %h:%p/);
  });
});

test('splits words like shlex, with quotes and comments, and reports an open quote', () => {
  expect(splitShellWords(`web1 ansible_host=10.0.0.1 args='-o ProxyJump=a' x="b \\"c\\"" # note`, { comments: true })).toEqual({
    ok: true,
    words: ['web1', 'ansible_host=10.0.0.1', 'args=-o ProxyJump=a', 'x=b "c"'],
  });
  expect(splitShellWords('a#b')).toEqual({ ok: true, words: ['a#b'] });
  expect(splitShellWords(`a 'b`)).toEqual({ ok: false, reason: "unterminated ' quote", index: 2 });
});

test('expands Ansible host ranges, keeping leading zeros', () => {
  expect(expandHostPattern('web[01:03].nj')).toEqual({ ok: true, names: ['web01.nj', 'web02.nj', 'web03.nj'] });
  expect(expandHostPattern('db-[a:c]')).toEqual({ ok: true, names: ['db-a', 'db-b', 'db-c'] });
  expect(expandHostPattern('n[1:5:2]-[a:b]')).toEqual({ ok: true, names: ['n1-a', 'n1-b', 'n3-a', 'n3-b', 'n5-a', 'n5-b'] });
  expect(expandHostPattern('plain.example.net')).toEqual({ ok: true, names: ['plain.example.net'] });
  expect(expandHostPattern('web[3:1]')).toEqual({ ok: false, reason: '"web[3:1]": range [3:1] is reversed' });
  expect(expandHostPattern('web[1:999999]')).toEqual({ ok: false, reason: '"web[1:999999]": range [1:999999] has more than 10000 values' });
});

test('reads ports and port ranges', () => {
  expect(parsePortRange(993)).toEqual({ ok: true, range: { from: 993, to: 993 } });
  expect(parsePortRange('6000-6010')).toEqual({ ok: true, range: { from: 6000, to: 6010 } });
  expect(parsePortRange('0')).toEqual({ ok: false, reason: 'port 0 is outside 1-65535' });
  expect(parsePortRange('ssh')).toEqual({ ok: false, reason: 'expected a port (1-65535) or a range like "6000-6010", got "ssh"' });
});

test('accepts any, addresses and CIDR blocks as sources', () => {
  for (const source of ['any', '10.0.0.0/8', '192.0.2.7', '2001:db8::/32', '::1']) expect(badSourceReason(source)).toBeNull();
  expect(badSourceReason('10.0.0.0/33')).toBe('"10.0.0.0/33": prefix length must be 0-32 for an IPv4 block');
  expect(badSourceReason('2001:db8::/129')).toBe('"2001:db8::/129": prefix length must be 0-128 for an IPv6 block');
  expect(badSourceReason('anywhere')).toBe('expected "any", an IP address or a CIDR block like 10.0.0.0/8, got "anywhere"');
});

test('refuses values that ssh would read as options or split', () => {
  expect(unsafeSshWordReason('imap1.nj')).toBeNull();
  expect(unsafeSshWordReason('-oProxyCommand=x')).toBe("starts with '-', so ssh would read it as an option");
  expect(unsafeSshWordReason('a b')).toBe('contains whitespace');
  expect(unsafeSshWordReason('a\u202eb')).toBe('contains the control character U+202E');
  expect(unsafeSshWordReason('')).toBe('is empty');
});
