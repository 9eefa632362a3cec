import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FleetService } from '../../../main/engine/fleet/fleet-service';
import { primaryFirst } from '../../../main/engine/fleet/site-order';

describe('sites in display order', () => {
  it('puts the primary first and keeps the others in inventory order', () => {
    const sites = [
      { id: 'c', role: 'secondary' },
      { id: 'a', role: 'primary' },
      { id: 'b', role: 'secondary' },
    ];
    expect(primaryFirst(sites).map((site) => site.id)).toEqual(['a', 'c', 'b']);
    expect(sites.map((site) => site.id)).toEqual(['c', 'a', 'b']);
  });

  it('is the order of the fleet view, whatever order the inventory names them in', async () => {
    const fleet = new FleetService(null);
    const inventory = await readFile(new URL('../inventory/two-datacentres.yaml', import.meta.url), 'utf8');
    const primary = inventory.slice(inventory.indexOf('  - id: nj'), inventory.indexOf('  - id: sea'));
    const yaml = inventory.replace(primary, '').replace('\ndefaults:', `${primary}\ndefaults:`);
    expect(yaml.indexOf('id: sea')).toBeLessThan(yaml.indexOf('id: nj'));
    fleet.useDemo(yaml, 'inline.yaml');
    const view = fleet.view(() => null);
    expect(view.problems).toEqual([]);
    expect(view.datacentres.map((dc) => dc.id)).toEqual(['nj', 'sea']);
  });
});
