import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type KioskBridge } from '../host/api/wire';

/** The whole of the renderer's reach into the host: two functions, no Node. */
const bridge: KioskBridge = {
  call: (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input),
  onEvent(listener) {
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('kiosk', bridge);
