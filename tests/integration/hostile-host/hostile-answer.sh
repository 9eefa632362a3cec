#!/bin/sh
# ForceCommand of the hostile-host suite's sshd: answers the command OpsDeck
# asked ($SSH_ORIGINAL_COMMAND) as a compromised or broken host would, by
# mode ($1). What the mode does not take over answers as a small Debian host
# would: its identity for real, every other tool "not found" (cheap, so the
# suite measures OpsDeck and not apt-get).
mode="$1"
cmd="$SSH_ORIGINAL_COMMAND"
case "$mode:$cmd" in
  html:*hostname*) printf '<script>alert(1)</script><img src=x onerror=alert(2)>\n' ;;
  html:*os-release*) printf 'PRETTY_NAME="<b onmouseover=alert(3)>Debian</b>"\nNAME="<script>alert(4)</script>"\nVERSION_ID="12"\n' ;;
  escapes:*hostname*) printf 'evil\033]0;pwned\007\033[2J\033[31mred\033[0m\n' ;;
  c1bidi:*hostname*) printf 'a\302\2332Jb\342\200\256gnp.exe\342\201\246x\000nul\n' ;;
  utf8:*hostname*) printf 'bad\377\376\303\050end\355\240\200\n' ;;
  flood-command:*nft*) head -c 500000000 /dev/zero ;;
  flood-host:*) head -c 40000000 /dev/zero | tr '\000' 'A' ;;
  endless:*nft*) yes 'endless answer' ;;
  slow:*nft*) while :; do printf x; sleep 1; done ;;
  after-exit:*nft*) (sleep 4; echo late; sleep 30) & printf '{"nftables": []}\n'; exit 0 ;;
  absurd:*uptime*) printf -- '-5 -99999999999999999999999999999999\n' ;;
  absurd:*uname\ -r*) printf '99999999999999999999.0.0-1e400\n' ;;
  absurd:*ss\ *) printf 'tcp LISTEN -1 99999999999 0.0.0.0:99999 0.0.0.0:*\ntcp LISTEN 0 4096 0.0.0.0:-22 0.0.0.0:*\n' ;;
  *hostname|*os-release|*uname\ -r|*/proc/uptime) exec /bin/sh -c "$cmd" ;;
  *) echo "sh: 1: ${cmd#env LC_ALL=C }: not found" >&2; exit 127 ;;
esac
