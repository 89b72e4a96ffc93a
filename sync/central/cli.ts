/**
 * npm run central -- --port 8443 --data ./central-data [--host 127.0.0.1] [--seed sample]
 *   [--tls-cert cert.pem --tls-key key.pem] [--staff-token TOKEN] [--updates DIR]
 * Runs the reference central server alone and prints a one-time enrolment code for a kiosk.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startCentralServer } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './central-data' },
    seed: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'staff-token': { type: 'string' },
    updates: { type: 'string' },
  },
});

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const tls =
  values['tls-cert'] && values['tls-key']
    ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) }
    : undefined;
const server = await startCentralServer({
  port: Number(values.port),
  host: values.host,
  dataDir: values.data,
  logger,
  ...(values.seed === 'sample' ? { seed: 'sample' as const } : {}),
  ...(tls ? { tls } : {}),
  ...(values['staff-token'] ? { staffToken: values['staff-token'] } : {}),
  ...(values.updates ? { updatesDir: values.updates } : {}),
});
const code = await server.createEnrolmentCode();
logger.info({
  event: 'central.started',
  url: server.url,
  staffPage: `${server.url}/staff`,
  display: `${server.url}/display`,
});
process.stdout.write(`central server on ${server.url}\nenrolment code (24 h, one kiosk): ${code}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
