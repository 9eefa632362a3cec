// SmartOS outputs the shared fixtures do not hold, written from the tools'
// documented layouts (illumos netstat(8); vmadm(8) `list -p` with the
// firewall_enabled column, which vmadm prints empty when false).

/** illumos `netstat -an -f inet` / `-f inet6` as printed by the global zone (netstat(8) column layout). */
export const NETSTAT_INET = `
UDP: IPv4
   Local Address        Remote Address      State
-------------------- -------------------- ----------
      *.*                                 Unbound
      *.123                               Idle
10.10.16.16.123                           Idle
      *.111                               Idle
192.0.2.10.5353      198.51.100.9.5353    Connected

TCP: IPv4
   Local Address        Remote Address    Swind Send-Q Rwind Recv-Q    State
-------------------- -------------------- ----- ------ ----- ------ -----------
      *.*                  *.*                0      0 128000      0 IDLE
      *.111                *.*                0      0 128000      0 LISTEN
      *.22                 *.*                0      0 128000      0 LISTEN
127.0.0.1.5432             *.*                0      0 128000      0 LISTEN
10.10.16.16.22       10.10.0.5.51334      64128      0 128872      0 ESTABLISHED

Active UNIX domain sockets
Address  Type          Vnode     Conn  Local Addr      Remote Addr
fffffe0d3d3c5b48 stream-ord 00000000 00000000
`;

export const NETSTAT_INET6 = `
UDP: IPv6
   Local Address                     Remote Address                   State      If
--------------------------------- --------------------------------- ---------- -----
      *.*                                                           Unbound
      *.111                                                         Idle

TCP: IPv6
   Local Address                     Remote Address                 Swind Send-Q Rwind Recv-Q   State      If
--------------------------------- --------------------------------- ----- ------ ----- ------ ----------- -----
      *.*                               *.*                             0      0 128000      0 IDLE
      *.22                              *.*                             0      0 128000      0 LISTEN
::1.5432                                *.*                             0      0 128000      0 LISTEN
2001:db8::10.443                        *.*                             0      0 128000      0 LISTEN
`;

/** `vmadm list -p -o uuid,alias,firewall_enabled` for the VMs of smartos/vmadm-list-p.txt. */
export const VMADM_FIREWALL =
  [
    '7f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f:dns01:true',
    '3f1e5c7a-2b4d-4e6f-8a9b-0c1d2e3f4a5b:pg01:true',
    'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d:www-old:',
    'c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f:win:2022:build:true',
    '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9::false',
  ].join('\n') + '\n';
