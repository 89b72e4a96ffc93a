import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { technicianMethods } from '../../host/api/technician';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { type CallDispatcher, createDispatcher } from '../../host/transport/dispatcher';
import { testIdentity } from '../support/identities';
import { memoryCardServiceFactory } from '../support/memory-card-service';

let host: Host;
let dataDir: string;
let dispatcher: CallDispatcher;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-technician-'));
  host = await createHost({
    config: parseConfig({
      dataDir,
      central: { url: 'http://127.0.0.1:9' },
      printer: { kind: 'cups', name: 'none' },
    }),
    logger: silentLogger(),
    cardServiceFactory: memoryCardServiceFactory({ applicant: testIdentity }),
  });
  dispatcher = createDispatcher(host.api, silentLogger());
});

afterAll(async () => {
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const names = Object.keys(technicianMethods) as (keyof typeof technicianMethods)[];

describe('technician methods through the dispatcher (a host never enrolled)', () => {
  it('are all wired into the host', () => {
    for (const name of names) expect(typeof host.api[name], name).toBe('function');
  });

  it('reject wrong types, unknown keys, prototype-pollution keys and huge strings', async () => {
    const hostile: unknown[] = [
      null,
      'token',
      42,
      JSON.parse('{"__proto__": {"polluted": true}, "token": "aaaaaaaaaaaaaaaaaaaaaaaa"}'),
      { token: 'a'.repeat(100_000) },
      { token: 12345 },
      { pin: '1'.repeat(100_000) },
      { constructor: { prototype: { polluted: true } } },
    ];
    for (const name of names) {
      for (const input of hostile) {
        const response = await dispatcher.call(name, input);
        // Only methods without arguments may accept a bare object; none accepts these.
        expect(response.status, `${name} ${JSON.stringify(input)?.slice(0, 60)}`).toBe('rejected');
      }
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect((await dispatcher.call('getKioskInfo', {})).status).toBe('ok');
  });

  it('show provisioning as needed and refuse the PIN before enrolment', async () => {
    expect(await dispatcher.call('getProvisioningState', {})).toEqual({
      status: 'ok',
      result: {
        ok: true,
        value: {
          provisioned: false,
          configuredCentralUrl: 'http://127.0.0.1:9',
          kioskCode: null,
          pinSet: false,
          mode: 'demo',
        },
      },
    });
    expect(await dispatcher.call('enterMaintenance', { pin: '123456' })).toMatchObject({
      status: 'ok',
      result: { ok: false, error: { code: 'not_provisioned' } },
    });
    expect(
      await dispatcher.call('provisionKiosk', { centralUrl: 'file:///etc/passwd', enrolmentCode: 'ABCDEF' }),
    ).toMatchObject({
      status: 'rejected',
      code: 'invalid_arguments',
    });
  });

  it('report an unreachable central system when provisioning', async () => {
    expect(
      await dispatcher.call('provisionKiosk', {
        centralUrl: 'http://127.0.0.1:9',
        enrolmentCode: 'ABCDEF123456',
      }),
    ).toMatchObject({
      status: 'ok',
      result: { ok: false, error: { code: 'central_unreachable' } },
    });
    expect((await dispatcher.call('getProvisioningState', {})).status).toBe('ok');
  });
});
