import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { type CallDispatcher, createDispatcher } from '../../host/transport/dispatcher';
import { testIdentity } from '../support/identities';
import { memoryCardServiceFactory } from '../support/memory-card-service';

let host: Host;
let dispatcher: CallDispatcher;

beforeAll(async () => {
  host = await createHost({
    config: parseConfig({
      dataDir: mkdtempSync(join(tmpdir(), 'kiosk-dispatcher-')),
      central: { url: 'http://127.0.0.1:9' },
      printer: { kind: 'cups', name: 'none' },
    }),
    logger: silentLogger(),
    cardServiceFactory: memoryCardServiceFactory({ applicant: testIdentity }),
  });
  dispatcher = createDispatcher(host.api, silentLogger());
});
afterAll(async () => host.close());

async function expectStillServing() {
  const response = await dispatcher.call('getKioskInfo', {});
  expect(response.status).toBe('ok');
}

describe('the host API dispatcher', () => {
  it('answers a well-formed call with a Result', async () => {
    const response = await dispatcher.call('getKioskInfo', {});
    expect(response).toMatchObject({
      status: 'ok',
      result: { ok: true, value: { mode: 'demo', languages: ['zh-Hans', 'zh-Hant', 'en'] } },
    });
  });

  it('tells the renderer fuzzy pinyin is on unless the hall turns it off', async () => {
    expect(await dispatcher.call('getKioskInfo', {})).toMatchObject({
      result: { ok: true, value: { pinyinFuzzy: true } },
    });
    expect(parseConfig({ ui: { pinyinFuzzy: false } }).ui.pinyinFuzzy).toBe(false);
  });

  it('returns expected failures as Result values, not rejections', async () => {
    const response = await dispatcher.call('touchSession', { sessionId: 'gone' });
    expect(response).toEqual({
      status: 'ok',
      result: { ok: false, error: { code: 'no_session', message: 'That session has already ended.' } },
    });
  });

  const malformed: [string, string, unknown, RegExp][] = [
    ['wrong type', 'demoPlaceCard', { cardId: 42 }, /cardId: Invalid input: expected string/],
    ['missing field', 'endSession', { sessionId: 'x' }, /reason/],
    ['extra key', 'getKioskInfo', { admin: true }, /Unrecognized key.*admin/],
    [
      '__proto__ key',
      'demoPlaceCard',
      JSON.parse('{"cardId":"a","__proto__":{"polluted":true}}'),
      /Unrecognized key.*__proto__/,
    ],
    [
      'constructor key',
      'getKioskInfo',
      { constructor: { prototype: { polluted: true } } },
      /Unrecognized key/,
    ],
    ['huge string', 'demoPlaceCard', { cardId: 'x'.repeat(1_000_000) }, /cardId: Too big/],
    ['not an object', 'touchSession', 'session', /expected object/],
    ['null input', 'touchSession', null, /expected object/],
    ['array input', 'touchSession', [1, 2], /expected object/],
    ['bad enum', 'endSession', { sessionId: 'x', reason: 'reboot' }, /reason: Invalid option/],
  ];
  it.each(malformed)('rejects a call with a %s and keeps serving', async (_label, method, input, message) => {
    const response = await dispatcher.call(method, input);
    expect(response.status).toBe('rejected');
    if (response.status === 'rejected') {
      expect(response.code).toBe('invalid_arguments');
      expect(response.message).toMatch(message);
      expect(response.message).toContain(method);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectStillServing();
  });

  it.each([['nope'], ['__proto__'], ['constructor'], ['toString'], [42], [null]])(
    'rejects unknown method %s',
    async (method) => {
      const response = await dispatcher.call(method, {});
      expect(response).toMatchObject({ status: 'rejected', code: 'unknown_method' });
      await expectStillServing();
    },
  );

  it('turns a host bug into a clear rejection and keeps serving', async () => {
    const broken = createDispatcher(
      {
        ...host.api,
        getKioskInfo: async () => {
          throw new Error('boom');
        },
      },
      silentLogger(),
    );
    expect(await broken.call('getKioskInfo', {})).toEqual({
      status: 'rejected',
      code: 'internal_error',
      message: 'The kiosk could not complete getKioskInfo.',
    });
    expect((await broken.call('touchSession', { sessionId: 'gone' })).status).toBe('ok');
  });

  it('checks what the host returns against the contract', async () => {
    const lying = createDispatcher(
      { ...host.api, getKioskInfo: async () => ({ ok: true, value: { version: 1 } }) as never },
      silentLogger(),
    );
    expect(await lying.call('getKioskInfo', {})).toMatchObject({
      status: 'rejected',
      code: 'internal_error',
    });
  });

  it('starts a manual session only for a valid resident ID number', async () => {
    const bad = await dispatcher.call('startManualSession', {
      idNumber: '110105194912310021',
      name: '测试乙',
    });
    expect(bad).toMatchObject({ status: 'ok', result: { ok: false, error: { code: 'invalid_id_number' } } });
    const good = await dispatcher.call('startManualSession', {
      idNumber: '11010519491231002x',
      name: ' 测试乙 ',
    });
    expect(good).toMatchObject({
      status: 'ok',
      result: {
        ok: true,
        value: {
          identity: {
            idNumber: '11010519491231002X',
            name: '测试乙',
            birthDate: '1949-12-31',
            sex: 'female',
          },
        },
      },
    });
    expect(host.sessionActive()).toBe(true);
  });

  it('refuses the manual path where the hall turned it off', async () => {
    const closed = await createHost({
      config: parseConfig({
        dataDir: mkdtempSync(join(tmpdir(), 'kiosk-dispatcher-')),
        central: { url: 'http://127.0.0.1:9' },
        printer: { kind: 'cups', name: 'none' },
        ui: { manualIdentifyAllowed: false },
      }),
      logger: silentLogger(),
      cardServiceFactory: memoryCardServiceFactory({}),
    });
    try {
      const result = await createDispatcher(closed.api, silentLogger()).call('startManualSession', {
        idNumber: '11010519491231002X',
        name: '测试乙',
      });
      expect(result).toMatchObject({ status: 'ok', result: { ok: false, error: { code: 'not_allowed' } } });
    } finally {
      await closed.close();
    }
  });

  it('runs a session from card to wipe', async () => {
    await dispatcher.call('demoPlaceCard', { cardId: 'applicant' });
    const started = await dispatcher.call('getSessionState', {});
    expect(started).toMatchObject({
      status: 'ok',
      result: { ok: true, value: { state: 'active', identity: { name: testIdentity.name } } },
    });
    expect(host.sessionActive()).toBe(true);
    // Read once (the default): lifting the card leaves the session; the applicant ends it.
    await dispatcher.call('demoRemoveCard', {});
    expect(host.sessionActive()).toBe(true);
    const { sessionId } = (started as { result: { value: { sessionId: string } } }).result.value;
    await dispatcher.call('endSession', { sessionId, reason: 'finished' });
    expect(host.sessionActive()).toBe(false);
  });
});
