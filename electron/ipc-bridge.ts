import type { CallResponse } from '../host/api/wire';
import { IPC_CALL_CHANNEL } from '../host/api/wire';
import type { CallDispatcher } from '../host/transport/dispatcher';
import { isAppUrl } from './window-policy';

/** The slice of ipcMain and its event that the bridge uses (a seam for Node tests). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}
export interface IpcInvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Main-process side of `window.kiosk.call`: one channel, and only the kiosk's own top frame may call.
 * Everything else goes through the same dispatcher (schema checks) as browser mode.
 */
export function registerIpcBridge(ipcMain: IpcMainLike, dispatcher: CallDispatcher): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method, input): Promise<CallResponse> => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
      return {
        status: 'rejected',
        code: 'unauthorized',
        message: 'Calls are only accepted from the kiosk page.',
      };
    }
    return dispatcher.call(method, input);
  });
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}
