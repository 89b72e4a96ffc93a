import { createHook } from 'node:async_hooks';
import { readdirSync, readFileSync } from 'node:fs';

/** Resource types that keep a process busy or call back later: timers, sockets, servers, children. */
const watchedTypes = new Set([
  'Timeout',
  'TCPWRAP',
  'TCPSERVERWRAP',
  'PIPEWRAP',
  'PIPESERVERWRAP',
  'PROCESSWRAP',
  'TTYWRAP',
  'UDPWRAP',
  'FSEVENTWRAP',
  'STATWATCHER',
  'SIGNALWRAP',
  'WORKER',
]);

export interface WatchedResource {
  readonly type: string;
  /** Where it was made (the stack at creation, vitest's own frames included). */
  readonly stack: string;
}

/** The test runner's own timers (vitest's RPC and reporting), made in the same worker. */
const runnerFrames = /node_modules\/(?:vitest|@vitest|tinypool|tinyspy|birpc)\//;

/**
 * Watches the timers, sockets, servers and child processes made while a window is open (open() ...
 * close()), with async_hooks: which of them are still alive, and which called back after the window
 * closed. This is how a test proves that closing something left nothing behind and nothing fires later.
 */
export class ResourceWatch {
  readonly #made = new Map<number, WatchedResource>();
  readonly #alive = new Set<number>();
  readonly #firedAfterClose: WatchedResource[] = [];
  #window: 'before' | 'open' | 'closed' = 'before';
  readonly #hook = createHook({
    init: (asyncId, type) => {
      if (this.#window !== 'open' || !watchedTypes.has(type)) return;
      const stack = new Error().stack ?? '';
      if (type === 'Timeout' && runnerFrames.test(stack)) return;
      this.#made.set(asyncId, { type, stack });
      this.#alive.add(asyncId);
    },
    before: (asyncId) => {
      if (this.#window !== 'closed') return;
      const resource = this.#made.get(asyncId);
      if (resource) this.#firedAfterClose.push(resource);
    },
    destroy: (asyncId) => {
      this.#alive.delete(asyncId);
    },
  });

  constructor() {
    this.#hook.enable();
  }

  /** From now on, what is made counts. */
  open(): void {
    this.#window = 'open';
  }

  /** From now on, a callback of anything made while open counts as firing after close. */
  close(): void {
    this.#window = 'closed';
  }

  /** What was made while open and is not yet destroyed (cleared, closed, exited). */
  alive(): WatchedResource[] {
    return [...this.#alive].flatMap((id) => {
      const resource = this.#made.get(id);
      return resource ? [resource] : [];
    });
  }

  firedAfterClose(): readonly WatchedResource[] {
    return this.#firedAfterClose;
  }

  /** Forget what was seen (the next open/close round starts clean). */
  reset(): void {
    this.#made.clear();
    this.#alive.clear();
    this.#firedAfterClose.length = 0;
    this.#window = 'before';
  }

  dispose(): void {
    this.#hook.disable();
  }
}

/** The PIDs of this process's children (Linux /proc), e.g. socat started by a simulator. */
export function childPids(parent = process.pid): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name "(...)": state, ppid, ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent && fields[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // The process went away while we looked.
    }
  }
  return pids;
}

/** A process exists and is not a zombie (a killed child not yet reaped by its new parent is dead). */
export function processRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
