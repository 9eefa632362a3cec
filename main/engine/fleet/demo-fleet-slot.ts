// The in-process demo fleet, started at most once per engine (at start, or
// when the operator asks for it) and stopped when the engine is disposed.
import { startInProcessDemo, type InProcessDemo } from './in-process-demo-fleet';

export class DemoFleetSlot {
  current: InProcessDemo | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly hosts?: number,
  ) {}

  async start(): Promise<InProcessDemo> {
    this.current ??= await startInProcessDemo(this.dataDir, this.hosts);
    return this.current;
  }

  async stop(): Promise<void> {
    await this.current?.fleet.stop();
  }
}
