// Brings the lab up once for every file of the lab project (or reuses one
// that is already up), and at the end takes down the lab it brought up and
// checks that no namespace, link, route, process or file is left behind.
// Not root: nothing is built here, and every lab test fails naming root.
import { labDown } from '../lab/lab-down';
import { labUp } from '../lab/lab-up';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const started = Date.now();
  const { lab, reused } = await labUp({ log: (line) => console.log(`[lab] ${line}`) });
  console.log(`[lab] ${reused ? 'reusing the lab that is up' : `up in ${((Date.now() - started) / 1000).toFixed(1)} s`}: ${lab.topology.hosts.length} hosts`);
  return async () => {
    if (reused) {
      console.log('[lab] the lab was up before the suite, so it is left running (npm run lab -- down)');
      return;
    }
    const { leftovers } = await labDown();
    if (leftovers.length > 0) throw new Error(`lab down left behind: ${leftovers.join('; ')}`);
    console.log('[lab] down; left behind: nothing (namespaces, links, routes, processes and files checked)');
  };
}
