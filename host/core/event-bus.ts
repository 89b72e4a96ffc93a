import type { Logger } from 'pino';
import type { HostEvent } from '../api/events';

export type HostEventListener = (event: HostEvent) => void;

/**
 * Host-to-renderer events: every transport subscribes here and forwards to its renderer(s). Each
 * listener runs on its own: one that throws is logged and the others still get the event, so a faulty
 * subscriber cannot stop the card reader (whose events are emitted from its polling loop).
 */
export class HostEventBus {
  readonly #listeners = new Set<HostEventListener>();
  readonly #logger: Logger | undefined;

  /** The host passes its logger; unit tests that only look at events may leave it out. */
  constructor(logger?: Logger) {
    this.#logger = logger;
  }

  emit(event: HostEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        // The event type and where it threw; never the event or the error's message (personal data).
        this.#logger?.error(
          { eventType: event.type, listenerError: withoutMessage(error) },
          'host event listener threw',
        );
      }
    }
  }

  subscribe(listener: HostEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

function withoutMessage(error: unknown): { name: string; stack: string[] } {
  if (!(error instanceof Error)) return { name: typeof error, stack: [] };
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return { name: error.name, stack: frames.slice(0, 10).map((line) => line.trim()) };
}
