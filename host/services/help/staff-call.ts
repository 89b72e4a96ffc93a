import { randomUUID } from 'node:crypto';
import { ok } from '../../../kernel/result';
import type { HelpRequest } from '../../../sync/protocol/central-identity';
import type { HostApi } from '../../api/contract';
import type { HostContext } from '../../core/host-context';

/** How often queued help requests are tried again while the link is down. */
const retryMs = 3_000;

/**
 * 呼叫工作人员 (issue 15 part 3): a help request (kiosk, time, screen; nothing personal) goes to the
 * central staff page. While the central system cannot be reached it waits here and is sent as soon as
 * the link is back; the applicant is told which of the two happened, and told again once it went.
 */
export class StaffCalls {
  readonly #queued: HelpRequest[] = [];
  #timer: NodeJS.Timeout | null = null;

  constructor(private readonly context: HostContext) {}

  async call(screen: string): Promise<{ requestId: string; delivery: 'sent' | 'queued' }> {
    const request: HelpRequest = { requestId: randomUUID(), screen, requestedAtMs: this.context.clock.now() };
    this.#queued.push(request);
    const delivered = await this.#flush();
    return { requestId: request.requestId, delivery: delivered.has(request.requestId) ? 'sent' : 'queued' };
  }

  /** Tries every queued request in order; the ones that went are announced. */
  async #flush(): Promise<Set<string>> {
    const delivered = new Set<string>();
    const runtime = this.context.runtime();
    while (runtime && this.#queued.length > 0) {
      const next = this.#queued[0]!;
      const sent = await runtime.sync.sendHelpRequest(next);
      if (!sent.ok && sent.error.code === 'unreachable') break;
      this.#queued.shift();
      if (sent.ok) {
        delivered.add(next.requestId);
        this.context.bus.emit({ type: 'helpRequestDelivered', requestId: next.requestId });
      } else this.context.logger.warn({ screen: next.screen }, 'help request refused by the central system');
    }
    this.#armRetry();
    return delivered;
  }

  #armRetry(): void {
    if (this.#queued.length === 0 || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#flush();
    }, retryMs);
    this.#timer.unref();
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

export function createHelpApi(calls: StaffCalls): Pick<HostApi, 'callStaff'> {
  return {
    async callStaff({ screen }) {
      return ok(await calls.call(screen));
    },
  };
}
