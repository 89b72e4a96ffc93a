import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCentralServer } from './sync/central/server';
import { CentralClient } from './sync/client/central-client';
const s = await startCentralServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'p-')), seed: 'sample' });
const prism = spawn('/work/tools-contract/node_modules/.bin/prism', ['proxy', 'docs/central-api.yaml', s.url, '--host', '127.0.0.1', '--port', '43111', '--errors'], { stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
prism.stdout.on('data', (d) => { out += d; });
prism.stderr.on('data', (d) => { out += d; });
for (let i = 0; i < 100 && !out.includes('Prism is listening'); i++) await new Promise((r) => setTimeout(r, 200));
const c = new CentralClient({ baseUrl: 'http://127.0.0.1:43111' });
try {
  const e = await c.enrol(await s.createEnrolmentCode(), 'k1', '1.0.0');
  console.log('enrolled', e.kioskCode);
  const cat = await c.catalogueDelta(undefined, 50); console.log('cat', cat.entries.length);
  console.log(await c.heartbeat({ appVersion: '1', outboxBacklog: 0 } as never).catch((x) => String(x)));
  console.log(await c.hasMaterial('a'.repeat(64)));
  console.log(await c.materialPresence(['a'.repeat(64)]));
  console.log(await c.queueState().then(() => 'qs ok', (x) => String(x)));
} catch (x) { console.log('ERR', x); }
prism.kill();
await s.close();
console.log(out.split('\n').filter((l) => /violation|error|warn/i.test(l)).slice(0, 30).join('\n'));
