/**
 * Finding 12: the receipt's progress URL pointed at a route the central did not serve and printed an
 * internal address. Now the hall's public address is configured on the central, handed to each kiosk
 * at enrolment, and the central serves the public progress route: status only, rate limited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  enrolKiosk,
  keyedHashOf,
  startTestCentral,
  submission,
  type TestCentral,
} from './support/central-fixture';

describe('the public progress address', () => {
  let server: TestCentral;

  beforeAll(async () => {
    server = await startTestCentral('progress', {
      hall: { publicBaseUrl: 'https://hall.example.gov.cn' },
      rateLimits: { perAddressSensitive: 10 },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reaches the kiosk at enrolment', async () => {
    const { client } = await enrolKiosk(server, 'east');
    expect(client).toBeDefined();
    const answer = await call(server.url, 'POST', '/v1/enrolments', {
      body: {
        enrolmentCode: await server.createEnrolmentCode(),
        kioskName: 'west',
        appVersion: '1',
        requestId: crypto.randomUUID(),
        publicKey: Buffer.alloc(44, 3).toString('base64'),
      },
    });
    expect(answer.body.hall.publicBaseUrl).toBe('https://hall.example.gov.cn');
  });

  it('shows a case’s status to anyone, and nothing about the person', async () => {
    const kiosk = await enrolKiosk(server, 'south');
    const caseNumber = `${kiosk.kioskCode}-PUBLIC-1`;
    const delivered = await call(server.url, 'POST', '/v1/submissions', {
      token: kiosk.credential,
      body: {
        idempotencyKey: 'public-progress-1',
        kioskSeq: 1,
        payload: submission(caseNumber, keyedHashOf('person')),
      },
    });
    expect(delivered.status).toBe(200);
    const progress = await call(server.url, 'GET', `/v1/progress/${caseNumber}`);
    expect(progress.status).toBe(200);
    expect(Object.keys(progress.body).sort()).toEqual(['caseNumber', 'status', 'updatedAtMs']);
    expect(progress.body.status).toBe('received');
    expect(JSON.stringify(progress.body)).not.toContain(keyedHashOf('person'));
    expect((await call(server.url, 'GET', '/v1/progress/NO-SUCH-CASE')).status).toBe(404);
    // The kiosks' own progress route still needs a kiosk credential.
    expect((await call(server.url, 'GET', `/v1/cases/${caseNumber}`)).status).toBe(401);
  });

  it('stops enumeration of case numbers with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await call(server.url, 'GET', `/v1/progress/GUESS-${i}00000`)).status);
    expect(statuses).toContain(429);
  });
});
