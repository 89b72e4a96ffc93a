import { describe, expect, it } from 'vitest';
import { type AutoUpdaterLike, UpdateController } from '../../electron/update-controller';
import { silentLogger } from '../../host/logging/logger';

function fakeUpdater() {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const state = {
    feed: null as unknown,
    checks: 0,
    installs: [] as [boolean | undefined, boolean | undefined][],
  };
  const updater: AutoUpdaterLike = {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    channel: null,
    setFeedURL: (options) => {
      state.feed = options;
    },
    checkForUpdates: async () => void state.checks++,
    quitAndInstall: (silent, runAfter) => void state.installs.push([silent, runAfter]),
    on: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
  };
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };
  return { updater, state, emit };
}

describe('updates', () => {
  it('is disabled without a feed URL', () => {
    const { updater, state } = fakeUpdater();
    const controller = new UpdateController({
      updater,
      feedUrl: '',
      channel: 'latest',
      checkIntervalMinutes: 60,
      sessionActive: () => false,
      logger: silentLogger(),
    });
    controller.start();
    expect(controller.state).toEqual({ state: 'disabled' });
    expect(state.checks).toBe(0);
  });

  it('uses the generic provider from the config, downloads in the background and checks at start', () => {
    const { updater, state } = fakeUpdater();
    const controller = new UpdateController({
      updater,
      feedUrl: 'http://127.0.0.1:9/updates',
      channel: 'beta',
      checkIntervalMinutes: 60,
      sessionActive: () => false,
      logger: silentLogger(),
    });
    controller.start();
    expect(state.feed).toEqual({ provider: 'generic', url: 'http://127.0.0.1:9/updates', channel: 'beta' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(state.checks).toBe(1);
    controller.stop();
  });

  it('installs silently only once no applicant session is active', async () => {
    const { updater, state, emit } = fakeUpdater();
    let active = true;
    const controller = new UpdateController({
      updater,
      feedUrl: 'http://127.0.0.1:9/u',
      channel: 'latest',
      checkIntervalMinutes: 60,
      sessionActive: () => active,
      logger: silentLogger(),
      idlePollMs: 10,
    });
    controller.start();
    emit('download-progress', { percent: 50 });
    expect(controller.state).toEqual({ state: 'downloading', percent: 50 });
    emit('update-downloaded', { version: '0.2.0' });
    expect(controller.state).toEqual({ state: 'waiting_for_idle', version: '0.2.0' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state.installs).toEqual([]);
    active = false;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state.installs).toEqual([[true, true]]);
    expect(controller.state).toEqual({ state: 'installing', version: '0.2.0' });
    controller.stop();
  });
});
