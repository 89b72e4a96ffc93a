import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../host/config/config';
import { insecureUrlProblem } from '../../host/config/transport-policy';
import { createHost } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { memoryCardServiceFactory } from '../support/memory-card-service';

describe('https outside loopback', () => {
  it('refuses plain http to another machine, allows https, loopback and the developer flag', () => {
    expect(insecureUrlProblem('https://central.hall.example/', false)).toBeNull();
    expect(insecureUrlProblem('http://127.0.0.1:8780', false)).toBeNull();
    expect(insecureUrlProblem('http://localhost:8780', false)).toBeNull();
    expect(insecureUrlProblem('http://[::1]:8780', false)).toBeNull();
    expect(insecureUrlProblem('http://10.1.2.3:8780', false)).toMatch(/use https/);
    expect(insecureUrlProblem('http://central.hall.example', false)).toMatch(/use https/);
    expect(insecureUrlProblem('ftp://central.hall.example', false)).toMatch(/not allowed/);
    expect(insecureUrlProblem('http://10.1.2.3:8780', true)).toBeNull();
  });

  it('a config naming an http central or update feed elsewhere does not start, and says which key', () => {
    expect(() => parseConfig({ mode: 'production', central: { url: 'http://10.1.2.3:8780' } })).toThrow(
      /"central\.url": plain http to 10\.1\.2\.3/,
    );
    expect(() =>
      parseConfig({ central: { url: 'https://c.example' }, updates: { url: 'http://u.example/v1/updates' } }),
    ).toThrow(ConfigError);
    expect(
      parseConfig({ central: { url: 'http://10.1.2.3:8780', allowInsecureHttp: true } }).central.url,
    ).toBe('http://10.1.2.3:8780');
  });

  it('provisioning over plain http to another machine is refused before anything is sent', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-transport-'));
    const host = await createHost({
      config: parseConfig({ mode: 'production', dataDir, central: { url: 'https://central.invalid' } }),
      logger: silentLogger(),
      cardServiceFactory: memoryCardServiceFactory({}),
    });
    try {
      const refused = await host.context.provision('http://192.0.2.10:8780', 'ABCDEF');
      expect(refused).toMatchObject({ ok: false, error: { code: 'insecure_url' } });
      expect(host.context.runtime()).toBeNull();
    } finally {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
