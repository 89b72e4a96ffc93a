import { ok } from '../../../kernel/result';
import type { UpdateStateView } from '../../api/technician';
import type { TechnicianKit } from './kit';
import type { TechnicianMethods } from './technician-methods';

type UpdateMethods = Pick<TechnicianMethods, 'getUpdateState' | 'checkForUpdate'>;

/** The updater's state in the API's words (the Electron shell fills in the port; browser mode has none). */
function updateView(kit: TechnicianKit): UpdateStateView {
  const { context } = kit;
  const base = { currentVersion: context.version, channel: context.config.updates.channel };
  const port = context.updates;
  if (!port)
    return {
      ...base,
      state: 'disabled',
      reason: 'Updates are installed by the Electron shell; this kiosk runs in browser mode.',
    };
  const state = port.state;
  const view: UpdateStateView = { ...base, channel: port.channel.slice(0, 20), state: state.state };
  if (state.state === 'disabled') view.reason = 'No update feed is set in the config (updates.url).';
  if (state.state === 'downloading') view.percent = Math.max(0, Math.min(100, state.percent));
  if (state.state === 'waiting_for_idle' || state.state === 'installing')
    view.version = state.version.slice(0, 40);
  if (state.state === 'error') view.message = state.message.slice(0, 500);
  return view;
}

export function createUpdateMethods(kit: TechnicianKit): UpdateMethods {
  const { guard } = kit;
  return {
    getUpdateState: ({ token }) => guard(token, async () => ok(updateView(kit))),

    checkForUpdate: ({ token }) =>
      guard(token, async () => {
        if (kit.context.updates) {
          kit.audit('updates.check', {});
          await kit.context.updates.checkNow();
        }
        return ok(updateView(kit));
      }),
  };
}
