import type { DeviceStatusEvent } from '../../api/events';
import type { HostEventBus } from '../../core/event-bus';

/**
 * The latest status each device reported on the bus. Create it as soon as the bus exists, so that
 * the reader's first report (sent once, on change) is not missed.
 */
export class DeviceStatusTracker {
  readonly #latest = new Map<string, DeviceStatusEvent>();
  readonly unsubscribe: () => void;

  constructor(bus: HostEventBus) {
    this.unsubscribe = bus.subscribe((event) => {
      if (event.type === 'deviceStatus') this.#latest.set(event.status.device, event.status);
      else if (event.type === 'cardPlaced')
        this.#latest.set('idcard', { device: 'idcard', state: 'card_present' });
      else if (event.type === 'cardRemoved')
        this.#latest.set('idcard', { device: 'idcard', state: 'no_card' });
    });
  }

  get(device: DeviceStatusEvent['device']): DeviceStatusEvent | undefined {
    return this.#latest.get(device);
  }
}
