import { describe, expect, it } from 'vitest';
import { type IpcInvokeEventLike, type IpcMainLike, registerIpcBridge } from '../../electron/ipc-bridge';
import { APP_ORIGIN } from '../../electron/window-policy';
import { IPC_CALL_CHANNEL } from '../../host/api/wire';
import type { CallDispatcher } from '../../host/transport/dispatcher';

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipc, handlers };
}

const calls: unknown[][] = [];
const dispatcher: CallDispatcher = {
  async call(method, input) {
    calls.push([method, input]);
    return { status: 'ok', result: { ok: true, value: {} } };
  },
};

describe('the Electron ipc bridge', () => {
  it('registers one channel with the kiosk prefix and removes it', () => {
    const { ipc, handlers } = fakeIpcMain();
    const unregister = registerIpcBridge(ipc, dispatcher);
    expect([...handlers.keys()]).toEqual([IPC_CALL_CHANNEL]);
    expect(IPC_CALL_CHANNEL.startsWith('kiosk:')).toBe(true);
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('passes calls from the kiosk top frame to the dispatcher', async () => {
    const { ipc, handlers } = fakeIpcMain();
    registerIpcBridge(ipc, dispatcher);
    const result = await handlers.get(IPC_CALL_CHANNEL)!(
      { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } },
      'getKioskInfo',
      {},
    );
    expect(result).toEqual({ status: 'ok', result: { ok: true, value: {} } });
    expect(calls.at(-1)).toEqual(['getKioskInfo', {}]);
  });

  it.each([
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a sub-frame', { url: `${APP_ORIGIN}/index.html`, parent: {} }],
    ['a destroyed frame', null],
  ])('refuses calls from %s', async (_label, senderFrame) => {
    const { ipc, handlers } = fakeIpcMain();
    registerIpcBridge(ipc, dispatcher);
    const before = calls.length;
    const result = await handlers.get(IPC_CALL_CHANNEL)!({ senderFrame }, 'getKioskInfo', {});
    expect(result).toMatchObject({ status: 'rejected', code: 'unauthorized' });
    expect(calls.length).toBe(before);
  });
});
