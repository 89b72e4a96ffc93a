import type { HelpRequest, OpenHelpRequest } from '../protocol/central-identity';
import type { KioskRecord } from './storage';

/**
 * 呼叫工作人员: the open help requests, shown on the staff page until someone answers one. A request
 * carries no personal data (kiosk, time, screen) and matters only for minutes, so the reference central
 * holds them in this process's memory: a restart forgets open requests, and with several central
 * processes each shows those it received (see the report on issue 15 part 3).
 */
export class HelpRequests {
  readonly #open = new Map<string, OpenHelpRequest>();

  constructor(
    private readonly keepMs = 2 * 3600_000,
    private readonly maxOpen = 200,
  ) {}

  /** Idempotent per request id: a retried delivery from an offline kiosk is recorded once. */
  record(kiosk: KioskRecord, request: HelpRequest, nowMs: number): void {
    this.#prune(nowMs);
    if (this.#open.has(request.requestId)) return;
    if (this.#open.size >= this.maxOpen) {
      const oldest = this.#open.keys().next().value;
      if (oldest !== undefined) this.#open.delete(oldest);
    }
    this.#open.set(request.requestId, {
      requestId: request.requestId,
      kioskId: kiosk.kioskId,
      kioskName: kiosk.name,
      screen: request.screen,
      // A kiosk's clock may run ahead: never later than the central received it.
      requestedAtMs: Math.min(request.requestedAtMs, nowMs),
      receivedAtMs: nowMs,
    });
  }

  open(nowMs: number): OpenHelpRequest[] {
    this.#prune(nowMs);
    return [...this.#open.values()].sort((a, b) => a.requestedAtMs - b.requestedAtMs);
  }

  answer(requestId: string): boolean {
    return this.#open.delete(requestId);
  }

  #prune(nowMs: number): void {
    for (const [id, request] of this.#open)
      if (nowMs - request.receivedAtMs > this.keepMs) this.#open.delete(id);
  }
}
