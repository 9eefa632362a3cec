// The engine's outgoing events, typed by the contract. Transports subscribe
// once and forward every event; the engine never knows who listens.
import type { EventName, EventPayloads } from '../../../preload/contract';

export type EventListener = <E extends EventName>(name: E, payload: EventPayloads[E]) => void;

export class EngineEvents {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload);
      } catch {
        // A broken transport must not stop the engine or the other listeners.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
