// Whether a TCP connection really opens, tried from inside a lab namespace
// (the bastion's) or from the root namespace (the lab's gateway address):
// the ground truth that OpsDeck's exposure model is compared against.
// One python3 process per batch tries every target at once.
import { spawnSync } from 'node:child_process';

export interface ProbeTarget {
  address: string;
  port: number;
}

const PROBE_SCRIPT = `
import json, socket, sys, threading
targets = json.loads(sys.argv[1])
answers = [False] * len(targets)
def probe(index, address, port):
    try:
        socket.create_connection((address, port), timeout=float(sys.argv[2])).close()
        answers[index] = True
    except OSError:
        pass
threads = [threading.Thread(target=probe, args=(i, t["address"], t["port"])) for i, t in enumerate(targets)]
for thread in threads: thread.start()
for thread in threads: thread.join()
print(json.dumps(answers))
`;

/** For each target, whether a connection opened within timeoutS; netns null = the root namespace. */
export function probeFrom(netns: string | null, targets: ProbeTarget[], timeoutS = 1.5): boolean[] {
  if (targets.length === 0) return [];
  const argv = ['python3', '-c', PROBE_SCRIPT, JSON.stringify(targets), String(timeoutS)];
  const result = netns ? spawnSync('ip', ['netns', 'exec', netns, ...argv], { encoding: 'utf8' }) : spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run the port probe (python3 and iproute2 needed): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`the port probe failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as boolean[];
}
