import type { HostEvent } from '../api/events';

export type HostEventListener = (event: HostEvent) => void;

/** Host-to-renderer events: every transport subscribes here and forwards to its renderer(s). */
export class HostEventBus {
  readonly #listeners = new Set<HostEventListener>();

  emit(event: HostEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }

  subscribe(listener: HostEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
