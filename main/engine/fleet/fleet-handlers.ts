// The contract's fleet.* handlers: the fleet as loaded, loading an inventory
// (remembered in settings when it loads clean), importing an Ansible one,
// the role policies, and switching to the demo fleet.
import type { HostScanSummary, MethodParsedInput } from '../../../preload/contract';
import type { HandlerTable } from '../dispatch/dispatch-call';
import { EngineError } from '../dispatch/engine-error';
import type { EngineEvents } from '../dispatch/engine-events';
import { readSettings, writeSettings } from '../settings/engine-settings';
import type { DemoFleetSlot } from './demo-fleet-slot';
import type { FileAccess } from './file-access';
import type { FleetService } from './fleet-service';
import { importAnsibleFile } from './import-ansible-file';
import { rolePolicyViews } from './role-policy-view';

export type FileChoicePurpose = MethodParsedInput<'fleet.chooseFile'>['purpose'];

export interface FleetHandlerDeps {
  fleet: FleetService;
  files: FileAccess;
  events: EngineEvents;
  demo: DemoFleetSlot;
  dataDir: string;
  /** The latest scan summary of a host, shown beside it. */
  summaryFor(host: string): HostScanSummary | null;
  /** The front end's native file dialog; absent in the browser bridge and the CLI. */
  chooseFile?: (purpose: FileChoicePurpose) => Promise<string | null>;
}

type FleetMethods = 'fleet.get' | 'fleet.chooseFile' | 'fleet.loadInventory' | 'fleet.importAnsible' | 'fleet.policies' | 'fleet.useDemo';

export function fleetHandlers(deps: FleetHandlerDeps): Pick<HandlerTable, FleetMethods> {
  const { fleet, files, events, dataDir, summaryFor } = deps;
  const rememberInventory = async (inventoryPath: string | null) => writeSettings(dataDir, { ...(await readSettings(dataDir)), inventoryPath });
  const loadInventory: HandlerTable['fleet.loadInventory'] = async ({ path: given }) => {
    const path = await files.check(given, 'read');
    const problems = await fleet.loadFile(path);
    if (problems.length === 0) {
      await rememberInventory(path);
      events.emit('fleet:changed', fleet.source);
    }
    return fleet.view(summaryFor);
  };
  return {
    'fleet.get': () => fleet.view(summaryFor),
    'fleet.chooseFile': async ({ purpose }) => {
      if (!deps.chooseFile) {
        throw new EngineError('unavailable', 'this front end has no file dialog: type the path of a file under a folder allowed when it was started (--allow-dir)');
      }
      const path = await deps.chooseFile(purpose);
      if (path !== null) files.grant(path);
      return { path };
    },
    'fleet.loadInventory': loadInventory,
    'fleet.importAnsible': async (input) => {
      const path = await files.check(input.path, 'read');
      const mappingPath = input.mappingPath === null ? null : await files.check(input.mappingPath, 'read');
      const savePath = await files.check(input.savePath, 'create');
      const { warnings } = await importAnsibleFile(path, mappingPath, savePath);
      const view = await loadInventory({ path: savePath });
      return { fleet: view, warnings, savedTo: savePath };
    },
    'fleet.policies': () => rolePolicyViews(fleet.current),
    'fleet.useDemo': async () => {
      const demo = await deps.demo.start();
      fleet.useDemo(demo.fleet.inventoryYaml, demo.inventoryPath);
      await rememberInventory(null);
      events.emit('fleet:changed', fleet.source);
      return fleet.view(summaryFor);
    },
  };
}
