import { err, ok } from '../../kernel/result';
import type { HostApi } from '../api/contract';
import type { HostContext } from '../core/host-context';

/**
 * The attract screen's queue board (issue 15 part 4, issue 16 part 6): the queue state the sync
 * service last pulled from the central system, narrowed to what a person in the hall needs to see.
 * Never waits on the network: the sync service pulls on its own schedule.
 */
export function createQueueBoardApi(host: Pick<HostContext, 'runtime'>): Pick<HostApi, 'getQueueBoard'> {
  return {
    async getQueueBoard() {
      const runtime = host.runtime();
      if (!runtime) return err('not_enrolled', 'This kiosk is not enrolled yet.');
      const state = runtime.sync.queueState;
      if (!state) return err('not_reached', 'The central system has not been reached yet today.');
      return ok({
        atMs: state.atMs,
        queues: state.queues.map((queue) => ({
          queueId: queue.queueId,
          waiting: queue.waiting,
          calling: queue.lastCalled,
        })),
      });
    },
  };
}
